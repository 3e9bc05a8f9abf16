namespace ConvGen.Benchmarks;

/// <summary>
/// Checks, before anything is timed, that every contender computes the same convolution, so the
/// table compares equal work. A mismatch stops the benchmark with the worst element.
/// </summary>
public static class ResultCheck
{
    /// <summary>
    /// Throws unless <paramref name="actual"/> is within float32 rounding of <paramref name="expected"/>:
    /// |a − e| ≤ 4·√(n + 1)·2⁻²⁴·bound, with n terms per element and bound ≥ Σ|terms|. Rounding errors of
    /// an n-term sum grow like √n·u·Σ|terms| in practice (the worst case, n·u·Σ|terms|, is far too loose
    /// for the 64 516-term weight-gradient sums of S2/S3); a wrong tap or channel moves an element by
    /// about |x|·|w|, far outside. This guards the benchmark (equal work); tests/ check correctness.
    /// </summary>
    public static void Same(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int termsPerElement, float magnitudeBound)
    {
        if (expected.Length != actual.Length)
            throw new InvalidOperationException($"{what}: {actual.Length} elements; expected {expected.Length}.");
        double tolerance = 4 * Math.Sqrt(termsPerElement + 1) * Math.Pow(2, -24) * magnitudeBound + 1e-7;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            if (!(diff <= tolerance))
                throw new InvalidOperationException(
                    $"{what}: element {i} is {actual[i]}, expected {expected[i]} (|diff| {diff:G3} > tolerance {tolerance:G3}).");
        }
    }

    /// <summary>The largest absolute value in <paramref name="a"/>.</summary>
    public static float MaxAbs(ReadOnlySpan<float> a)
    {
        float m = 0;
        foreach (float v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
