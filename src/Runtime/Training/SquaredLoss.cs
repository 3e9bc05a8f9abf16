namespace ConvGen.Training;

/// <summary>
/// The chapter's loss: <c>((ŷ − y)²).sum()</c>, summed over every element (not averaged).
/// Its gradient is 2·(ŷ − y).
/// </summary>
public sealed class SquaredLoss : ILoss
{
    /// <inheritdoc />
    public float Evaluate(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        LossGuard.SameLength(prediction, target, gradient);
        float sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            float d = prediction[i] - target[i];
            sum += d * d;
            gradient[i] = 2f * d;
        }
        return sum;
    }
}
