namespace ConvGen.Training;

/// <summary>
/// Base of the optimisers: keeps the parameter list, allocates the per-parameter state once when bound,
/// and applies <see cref="Update"/> to each parameter on <see cref="Step"/>.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private Parameter[] _parameters = [];
    private bool _bound;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc />
    public bool IsBound => _bound;

    /// <summary>Number of steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public void Bind(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_bound)
            throw new InvalidOperationException($"{GetType().Name} is already bound to {_parameters.Length} parameters; create a new optimiser for other parameters.");
        var list = parameters.ToArray();
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
                throw new ArgumentException($"parameter {i} is null.", nameof(parameters));
            if (list[i].Grad.Length != list[i].Value.Length)
                throw new ArgumentException($"parameter {i} ({list[i].Name}) has a gradient of {list[i].Grad.Length} elements; expected {list[i].Value.Length}.", nameof(parameters));
        }
        var lengths = new int[list.Length];
        for (int i = 0; i < list.Length; i++)
            lengths[i] = list[i].Length;
        AllocateState(lengths);
        _parameters = list;
        _bound = true;
    }

    /// <inheritdoc />
    public void Step()
    {
        if (!_bound)
            throw new InvalidOperationException($"{GetType().Name} has no parameters: construct it with parameters or call Bind first.");
        StepCount++;
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            Update(i, StepCount, p.Value, p.Grad);
        }
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
            p.ZeroGrad();
    }

    /// <summary>Allocates the state of every parameter (called once, by <see cref="Bind"/>).</summary>
    /// <param name="lengths">Each parameter's number of elements, in order.</param>
    protected abstract void AllocateState(int[] lengths);

    /// <summary>Updates parameter <paramref name="index"/> in place. Must not allocate.</summary>
    /// <param name="index">The parameter's position in <see cref="Parameters"/>.</param>
    /// <param name="step">1-based step number (PyTorch's <c>state['step']</c> after its increment).</param>
    /// <param name="value">The parameter's values.</param>
    /// <param name="grad">Its gradient.</param>
    protected abstract void Update(int index, int step, Span<float> value, ReadOnlySpan<float> grad);

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative.</summary>
    protected static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0.");
}
