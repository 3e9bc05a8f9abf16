namespace ConvGen.Training;

/// <summary>Updates a layer's parameters from its accumulated gradients.</summary>
public interface IOptimizer
{
    /// <summary>Applies one update to <paramref name="layer"/>'s weights and bias.</summary>
    void Step(IConvLayer layer);
}
