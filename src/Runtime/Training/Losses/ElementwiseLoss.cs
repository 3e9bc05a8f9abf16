namespace ConvGen.Training;

/// <summary>
/// A loss that is a function of each difference <c>d = prediction − target</c>, reduced by a sum or a mean,
/// as PyTorch's <c>mse_loss</c>, <c>l1_loss</c>, <c>huber_loss</c> and <c>smooth_l1_loss</c>.
/// </summary>
public abstract class ElementwiseLoss : ILoss
{
    /// <summary>Creates the loss with the given reduction.</summary>
    protected ElementwiseLoss(Reduction reduction)
    {
        if (reduction is not (Reduction.Mean or Reduction.Sum))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be Mean or Sum.");
        Reduction = reduction;
    }

    /// <summary>How the per-element losses are reduced.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of one element, from its difference <c>d = prediction − target</c>.</summary>
    protected abstract float Value(float d);

    /// <summary>The derivative of <see cref="Value"/> with respect to the prediction.</summary>
    protected abstract float Derivative(float d);

    /// <inheritdoc />
    /// <remarks>
    /// The per-element losses are float32 as in PyTorch; their sum is taken in double and rounded once,
    /// so it is at least as close to the exact sum as PyTorch's float32 reduction.
    /// </remarks>
    public float Evaluate(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient)
    {
        LossGuard.SameLength(prediction, target, gradient);
        if (prediction.IsEmpty)
            throw new ArgumentException("prediction is empty; expected at least 1 element.", nameof(prediction));
        bool mean = Reduction == Reduction.Mean;
        // PyTorch scales the mean's gradient by 1/N computed in double and rounded to float.
        float scale = mean ? (float)(1.0 / prediction.Length) : 1f;
        double sum = SumAndGradient(prediction, target, gradient, mean, scale);
        return (float)(mean ? sum / prediction.Length : sum);
    }

    /// <summary>
    /// Writes each element's derivative (times <paramref name="scale"/> for a mean) into
    /// <paramref name="gradient"/> and returns the sum of the per-element losses, in double, added up in
    /// four interleaved partial sums (by index mod 4) combined as (s0 + s1) + (s2 + s3): a fixed order on
    /// every machine, without one long chain of dependent additions.
    /// </summary>
    /// <remarks>Losses override it with the same loop and their element function written inline, so the hot loop makes no virtual calls.</remarks>
    private protected virtual double SumAndGradient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, bool mean, float scale)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            float d = prediction[i] - target[i];
            double v = Value(d);
            switch (i & 3)
            {
                case 0: s0 += v; break;
                case 1: s1 += v; break;
                case 2: s2 += v; break;
                default: s3 += v; break;
            }
            gradient[i] = mean ? Derivative(d) * scale : Derivative(d);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// PyTorch's <c>reduction='none'</c>: writes each element's loss into <paramref name="values"/> and
    /// its derivative (the gradient of <c>values.sum()</c>) into <paramref name="gradient"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length differs from the prediction's.</exception>
    public void Elementwise(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> values, Span<float> gradient)
    {
        LossGuard.SameLength(prediction, target, gradient);
        if (values.Length != prediction.Length)
            throw new ArgumentException($"values has {values.Length} elements; expected {prediction.Length} (the prediction's length).", nameof(values));
        for (int i = 0; i < prediction.Length; i++)
        {
            float d = prediction[i] - target[i];
            values[i] = Value(d);
            gradient[i] = Derivative(d);
        }
    }
}
