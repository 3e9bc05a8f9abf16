namespace ConvGen.Benchmarks;

/// <summary>
/// Deterministic inputs and weights, the same in every contender. The weights follow the formula
/// that <c>benchmarks/models/export.py</c> bakes into the ONNX models, so all four contenders compute
/// the same convolution and <see cref="ResultCheck"/> can compare their outputs before timing.
/// Values are small multiples of a power of two: exact in float32 and in Python.
/// </summary>
public static class TestData
{
    /// <summary>Input element <paramref name="i"/>.</summary>
    public static float Input(int i) => ((i * 7 + 3) % 19 - 9) / 16f;
    /// <summary>Weight element <paramref name="i"/> (flat <c>[out, in/groups, kh, kw]</c>); same formula as export.py.</summary>
    public static float Weight(int i) => ((i * 5 + 1) % 23 - 11) / 64f;
    /// <summary>Bias element <paramref name="i"/>; same formula as export.py.</summary>
    public static float Bias(int i) => ((i * 3 + 2) % 13 - 6) / 32f;

    /// <summary>A new array filled by <paramref name="f"/>.</summary>
    public static float[] Fill(int length, Func<int, float> f)
    {
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = f(i);
        return a;
    }
}
