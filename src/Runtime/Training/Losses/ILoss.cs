namespace ConvGen.Training;

/// <summary>A loss over a prediction and a target of the same length.</summary>
public interface ILoss
{
    /// <summary>Returns the loss and overwrites <paramref name="gradient"/> with dL/dprediction.</summary>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    float Evaluate(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient);
}
