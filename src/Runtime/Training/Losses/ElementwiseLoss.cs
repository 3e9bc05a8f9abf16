using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// <paramref name="gradient"/> and returns the sum of the per-element losses (see <see cref="SumAndGradient{TElement}"/>).
    /// A loss whose element function is known overrides it with <see cref="SumAndGradient{TElement}"/> over a struct,
    /// so the hot loop makes no virtual call per element.
    /// </summary>
    private protected virtual double SumAndGradient(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, bool mean, float scale) =>
        SumAndGradient(new VirtualElement(this), prediction, target, gradient, mean, scale);

    /// <summary>
    /// The loop every loss runs: each element's derivative (times <paramref name="scale"/> for a mean) into
    /// <paramref name="gradient"/>, and the sum of the per-element losses in double, added up in four
    /// interleaved partial sums (element i in sum i mod 4) combined as (s0 + s1) + (s2 + s3): a fixed order on
    /// every machine, without one long chain of dependent additions.
    /// </summary>
    private protected static double SumAndGradient<TElement>(TElement f, ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, bool mean, float scale)
        where TElement : struct, IElementFunction
    {
        target = target[..prediction.Length];
        gradient = gradient[..prediction.Length];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        // The squared error's whole blocks of 4 in vectors (typeof is a JIT-time constant here); the loop below does the rest.
        if (typeof(TElement) == typeof(SquaredElement) && Vector128.IsHardwareAccelerated)
            i = SquaredBlocks(prediction, target, gradient, mean, scale, ref s0, ref s1, ref s2, ref s3);
        for (; i + 4 <= prediction.Length; i += 4)
        {
            float d0 = prediction[i] - target[i], d1 = prediction[i + 1] - target[i + 1];
            float d2 = prediction[i + 2] - target[i + 2], d3 = prediction[i + 3] - target[i + 3];
            s0 += f.Value(d0); s1 += f.Value(d1); s2 += f.Value(d2); s3 += f.Value(d3);
            gradient[i] = Scaled(f.Derivative(d0), mean, scale);
            gradient[i + 1] = Scaled(f.Derivative(d1), mean, scale);
            gradient[i + 2] = Scaled(f.Derivative(d2), mean, scale);
            gradient[i + 3] = Scaled(f.Derivative(d3), mean, scale);
        }
        for (int k = 0; i < prediction.Length; i++, k++)
        {
            float d = prediction[i] - target[i];
            float v = f.Value(d);
            if (k == 0) s0 += v; else if (k == 1) s1 += v; else s2 += v;
            gradient[i] = Scaled(f.Derivative(d), mean, scale);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// The squared error's whole blocks of 4 elements in 128-bit vectors (SSE2, NEON), with the scalar loop's float
    /// operations per element, (p − t)², 2 · (p − t) and the mean's scale, and its four double sums (element i in
    /// s[i mod 4], here the pairs (s0, s1) and (s2, s3), each added in order), so the bits are the same. On the chapter's
    /// 42 elements the scalar loop was half of a training step (45 of 94 ns). Returns the first element not done.
    /// </summary>
    private static int SquaredBlocks(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient, bool mean, float scale,
                                     ref double s0, ref double s1, ref double s2, ref double s3)
    {
        // The caller sliced target and gradient to the prediction's length.
        ref float p = ref MemoryMarshal.GetReference(prediction);
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        Vector128<double> s01 = Vector128.Create(s0, s1), s23 = Vector128.Create(s2, s3);
        Vector128<float> two = Vector128.Create(2f), scaled = Vector128.Create(scale);
        int i = 0;
        for (; i + 4 <= prediction.Length; i += 4)
        {
            Vector128<float> d = Vector128.LoadUnsafe(ref p, (nuint)i) - Vector128.LoadUnsafe(ref t, (nuint)i);
            Vector128<float> value = d * d;
            s01 += Vector128.WidenLower(value);
            s23 += Vector128.WidenUpper(value);
            Vector128<float> derivative = two * d;
            (mean ? derivative * scaled : derivative).StoreUnsafe(ref g, (nuint)i);
        }
        (s0, s1, s2, s3) = (s01.GetElement(0), s01.GetElement(1), s23.GetElement(0), s23.GetElement(1));
        return i;
    }

    private static float Scaled(float derivative, bool mean, float scale) => mean ? derivative * scale : derivative;

    /// <summary>A loss's element function, as a struct so the JIT specialises and inlines the loop for it.</summary>
    private protected interface IElementFunction
    {
        float Value(float d);
        float Derivative(float d);
    }

    /// <summary>Any loss's element function, through its virtual <see cref="Value"/> and <see cref="Derivative"/>.</summary>
    private readonly struct VirtualElement(ElementwiseLoss loss) : IElementFunction
    {
        public float Value(float d) => loss.Value(d);
        public float Derivative(float d) => loss.Derivative(d);
    }

    /// <summary>The squared error <c>d²</c>, derivative <c>2·d</c> (<see cref="SquaredLoss"/>, <see cref="MseLoss"/>).</summary>
    private protected readonly struct SquaredElement : IElementFunction
    {
        public float Value(float d) => d * d;
        public float Derivative(float d) => 2f * d;
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
