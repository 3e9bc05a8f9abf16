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
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            float d = prediction[i] - target[i];
            sum += Value(d);
            gradient[i] = mean ? Derivative(d) * scale : Derivative(d);
        }
        return (float)(mean ? sum / prediction.Length : sum);
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
