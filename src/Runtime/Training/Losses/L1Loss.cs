namespace ConvGen.Training;

/// <summary>Mean absolute error, PyTorch's <c>nn.L1Loss</c>: <c>|ŷ − y|</c> per element, mean by default.</summary>
/// <param name="reduction">Mean (default) or sum.</param>
/// <remarks>The gradient at a zero difference is 0, as PyTorch's <c>sign</c>.</remarks>
public sealed class L1Loss(Reduction reduction = Reduction.Mean) : ElementwiseLoss(reduction)
{
    /// <inheritdoc />
    protected override float Value(float d) => MathF.Abs(d);

    /// <inheritdoc />
    protected override float Derivative(float d) => d > 0 ? 1f : d < 0 ? -1f : 0f;
}
