namespace ConvGen.Training;

/// <summary>
/// The moment update shared by <see cref="Adam"/> and <see cref="AdamW"/>, in the order and float32
/// roundings of PyTorch 1.13's single-tensor loop (<c>_single_tensor_adam</c>):
/// <code>
/// m = m · β1 + (1 − β1) · g
/// v = v · β2 + (1 − β2) · g · g
/// vmax = max(vmax, v)                                       (amsgrad)
/// denom = sqrt(v or vmax) / sqrt(1 − β2^t) + eps
/// w = w − (lr / (1 − β1^t)) · m / denom
/// </code>
/// The bias corrections are computed in double, as Python does, and rounded to float when used.
/// (PyTorch 2.x writes the first moment as <c>m.lerp_(g, 1 − β1)</c>: the same value up to float rounding.)
/// </summary>
internal static class AdamUpdate
{
    public static void Apply(Span<float> value, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, Span<float> vmax,
                             int step, double lr, double beta1, double beta2, double eps, double l2, bool maximize)
    {
        double bias1 = 1 - Math.Pow(beta1, step);
        double bias2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step));
        float b1 = (float)beta1, b2 = (float)beta2, keep1 = (float)(1 - beta1), keep2 = (float)(1 - beta2);
        float stepSize = (float)(-(lr / bias1)), c2 = (float)bias2Sqrt, e = (float)eps, decay = (float)l2;
        bool amsgrad = !vmax.IsEmpty;
        for (int i = 0; i < value.Length; i++)
        {
            float g = maximize ? -grad[i] : grad[i];
            if (l2 != 0)
                g += decay * value[i];
            m[i] = m[i] * b1 + keep1 * g;
            v[i] = v[i] * b2 + keep2 * g * g;
            float second = v[i];
            if (amsgrad)
                second = vmax[i] = MathF.Max(vmax[i], v[i]);
            float denom = MathF.Sqrt(second) / c2 + e;
            value[i] += stepSize * m[i] / denom;
        }
    }
}
