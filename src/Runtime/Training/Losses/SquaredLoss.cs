namespace ConvGen.Training;

/// <summary>
/// The chapter's loss: <c>((ŷ − y)²).sum()</c>, summed over every element (not averaged); its gradient
/// is 2·(ŷ − y). The same as <c>new MseLoss(Reduction.Sum)</c>.
/// </summary>
public sealed class SquaredLoss() : ElementwiseLoss(Reduction.Sum)
{
    /// <inheritdoc />
    protected override float Value(float d) => new SquaredElement().Value(d);

    /// <inheritdoc />
    protected override float Derivative(float d) => new SquaredElement().Derivative(d);

    private protected override double SumAndGradient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, bool mean, float scale) =>
        SumAndGradient(new SquaredElement(), prediction, target, gradient, mean, scale);
}
