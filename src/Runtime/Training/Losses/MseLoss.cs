namespace ConvGen.Training;

/// <summary>Mean squared error, PyTorch's <c>nn.MSELoss</c>: <c>(ŷ − y)²</c> per element, mean by default.</summary>
/// <param name="reduction">Mean (default) or sum.</param>
public sealed class MseLoss(Reduction reduction = Reduction.Mean) : ElementwiseLoss(reduction)
{
    /// <inheritdoc />
    protected override float Value(float d) => new SquaredElement().Value(d);

    /// <inheritdoc />
    protected override float Derivative(float d) => new SquaredElement().Derivative(d);

    private protected override double SumAndGradient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, bool mean, float scale) =>
        SumAndGradient(new SquaredElement(), prediction, target, gradient, mean, scale);
}
