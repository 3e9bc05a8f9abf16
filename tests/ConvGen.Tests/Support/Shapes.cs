using ConvGen.Tests.Layers;
using CsCheck;

namespace ConvGen.Tests.Support;

/// <summary>Random run-time input sizes that fit a layer: from the smallest input the kernel allows up to 20 wider (every remainder mod 8).</summary>
public static class Shapes
{
    public record struct Input(int Batch, int Height, int Width, int Seed);

    /// <summary>
    /// How many random inputs a numeric test samples: <paramref name="n"/>, divided by CONVGEN_SAMPLE_DIVISOR when
    /// set (at least 2). The arm64 run with hardware intrinsics off emulates every vector op in software under
    /// qemu, hundreds of times slower; .ci/arm64-tests.sh samples a third there, every layer still runs on
    /// every path, and the NEON run and the x64 run sample all <paramref name="n"/>.
    /// </summary>
    public static int Samples(int n) =>
        int.TryParse(Environment.GetEnvironmentVariable("CONVGEN_SAMPLE_DIVISOR"), out int d) && d > 1 ? Math.Max(2, n / d) : n;

    public static Gen<Input> For(LayerCase c)
    {
        if (c.FixedHeight > 0)
            return Gen.Select(Gen.Int[1, 3], Gen.Int, (b, s) => new Input(b, c.FixedHeight, c.FixedWidth, s));
        var s = c.Spec;
        int minH = MinSize(s.KernelHeight, s.DilationHeight, s.PadTop + s.PadBottom, s.PaddingMode, Math.Max(s.PadTop, s.PadBottom));
        int minW = MinSize(s.KernelWidth, s.DilationWidth, s.PadLeft + s.PadRight, s.PaddingMode, Math.Max(s.PadLeft, s.PadRight));
        return Gen.Select(Gen.Int[1, 3], Gen.Int[minH, minH + 9], Gen.Int[minW, minW + 20], Gen.Int,
            (b, h, w, seed) => new Input(b, h, w, seed));
    }

    private static int MinSize(int k, int d, int pads, PaddingMode mode, int pad)
    {
        int min = Math.Max(1, d * (k - 1) + 1 - pads);
        return mode switch
        {
            PaddingMode.Reflect => Math.Max(min, pad + 1),
            PaddingMode.Circular => Math.Max(min, pad),
            _ => min,
        };
    }
}
