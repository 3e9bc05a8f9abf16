using Xunit;

namespace ConvGen.Training.Tests;

/// <summary>Element-wise comparison with an absolute bound per element, reporting the worst element.</summary>
internal static class Tolerance
{
    /// <summary>float32's unit roundoff, 2^-24: the largest relative error of one correctly rounded operation.</summary>
    public const double Eps = 1.0 / (1 << 24);

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Func<int, double> bound, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            if (!(diff <= bound(i)))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (difference {diff:E3} > bound {bound(i):E3}).");
        }
    }

    public static void Close(double expected, double actual, double bound, string what)
    {
        double diff = Math.Abs(expected - actual);
        if (!(diff <= bound))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (difference {diff:E3} > bound {bound:E3}).");
    }
}
