namespace ConvGen.Training;

internal static class LossGuard
{
    public static void SameLength(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        if (target.Length != prediction.Length)
            throw new ArgumentException($"target has {target.Length} elements; expected {prediction.Length} (the prediction's length).", nameof(target));
        if (gradient.Length != prediction.Length)
            throw new ArgumentException($"gradient has {gradient.Length} elements; expected {prediction.Length} (the prediction's length).", nameof(gradient));
    }
}
