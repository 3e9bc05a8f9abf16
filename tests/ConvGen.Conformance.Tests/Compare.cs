using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>Element-wise comparisons with messages that say which case, tensor and element failed.</summary>
internal static class Compare
{
    /// <summary>|got[i] − want[i]| ≤ tolerance[i] for every i; the first few violations are reported.</summary>
    public static void Within(string what, ReadOnlySpan<float> got, ReadOnlySpan<float> want, ReadOnlySpan<double> tolerance)
    {
        Assert.True(got.Length == want.Length, $"{what}: {got.Length} elements, expected {want.Length}");
        var bad = new List<string>();
        int count = 0;
        for (int i = 0; i < want.Length; i++)
        {
            double diff = Math.Abs((double)got[i] - want[i]);
            if (!(diff <= tolerance[i])) // NaN fails too
            {
                count++;
                if (bad.Count < 5)
                    bad.Add($"[{i}] got {got[i]:R}, PyTorch {want[i]:R}, |diff| {diff:G3} > tolerance {tolerance[i]:G3}");
            }
        }
        Assert.True(count == 0, $"{what}: {count} of {want.Length} elements outside the float32 bound:\n  {string.Join("\n  ", bad)}");
    }

    /// <summary>Bit-for-bit equality (the paths promise identical arithmetic).</summary>
    public static void SameBits(string what, ReadOnlySpan<float> got, ReadOnlySpan<float> want)
    {
        Assert.True(got.Length == want.Length, $"{what}: {got.Length} elements, expected {want.Length}");
        for (int i = 0; i < want.Length; i++)
            if (BitConverter.SingleToInt32Bits(got[i]) != BitConverter.SingleToInt32Bits(want[i]))
                Assert.Fail($"{what}: element {i} differs: {got[i]:R} (0x{BitConverter.SingleToInt32Bits(got[i]):X8}) vs {want[i]:R} (0x{BitConverter.SingleToInt32Bits(want[i]):X8})");
    }
}
