namespace ConvGen.Tests.Support;

/// <summary>
/// Error bounds from float32 rounding, not loose constants. A float sum of n products computed as a
/// chain of fused multiply-adds has |error| ≤ γ_n · Σ|terms| with γ_n = n·u / (1 − n·u) and
/// u = 2⁻²⁴ (Higham, Accuracy and Stability of Numerical Algorithms, §3.1); the double-precision
/// reference adds at most one more rounding to float (u·|result|), covered by n + 1.
/// </summary>
public static class Tolerance
{
    public const double UnitRoundoff = 1.0 / (1 << 24);

    public static double Gamma(int n) => n * UnitRoundoff / (1 - n * UnitRoundoff);

    /// <summary>Asserts |actual − expected| ≤ γ_(n+1) · absSum element-wise, naming the first violation.</summary>
    /// <param name="expected">The reference values (computed in double).</param>
    /// <param name="actual">The values under test.</param>
    /// <param name="absSum">Per element, Σ|terms| of the sum that produced it.</param>
    /// <param name="terms">The most terms any element sums.</param>
    /// <param name="what">What is compared, for the message.</param>
    public static void AssertWithinRounding(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, ReadOnlySpan<double> absSum, int terms, string what)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        double gamma = Gamma(terms + 1);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = gamma * absSum[i];
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= bound))
                Xunit.Assert.Fail($"{what}: element {i} is {actual[i]:R}, reference {expected[i]:R}: error {error:E3} exceeds the float32 rounding bound {bound:E3} (terms {terms}, Σ|terms| {absSum[i]:E3})");
        }
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
