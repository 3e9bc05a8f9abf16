namespace ConvGen.Tests.Support;

/// <summary>Random test data and exact comparisons.</summary>
public static class Tensors
{
    /// <summary>Uniform values in [-1, 1), reproducible from the seed.</summary>
    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < length; i++)
            data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    public static float[] Abs(ReadOnlySpan<float> values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = MathF.Abs(values[i]);
        return result;
    }

    /// <summary>Asserts two float arrays have identical bit patterns, naming the first difference.</summary>
    public static void AssertBitsEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Xunit.Assert.Fail($"{what}: element {i} differs: {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8}) vs {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8})");
    }
}
