namespace ConvGen.Training;

/// <summary>
/// Updates a fixed list of parameters from their accumulated gradients, like a <c>torch.optim</c> optimiser.
/// </summary>
public interface IOptimizer
{
    /// <summary>The parameters this optimiser updates, in order; empty until bound.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>True once the optimiser has its parameters (and their state).</summary>
    bool IsBound { get; }

    /// <summary>
    /// Gives the optimiser its parameters and allocates its per-parameter state. Optimisers constructed
    /// with parameters are already bound; the trainer binds an unbound one to the model it trains.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already bound.</exception>
    void Bind(IEnumerable<Parameter> parameters);

    /// <summary>Applies one update to every parameter (<c>optimizer.step()</c>). Allocates nothing.</summary>
    /// <exception cref="InvalidOperationException">Not bound yet.</exception>
    void Step();

    /// <summary>Sets every parameter's gradient to zero (<c>optimizer.zero_grad()</c>).</summary>
    void ZeroGrad();
}
