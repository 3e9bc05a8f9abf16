using ConvGen.Reference;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

// Benchmark S6 (a ResNet stage-1 convolution): its forward pass, its input gradient and its weight gradient are Winograd F(2x2, 3x3).
[ConvLayer(3, 3, InChannels = 64, OutChannels = 64, Padding = 1, InputHeight = 56, InputWidth = 56)] internal partial class WinogradS6 { }

/// <summary>
/// The Winograd forward pass on the full S6 shape: every path against the double-precision reference within the
/// same float32 rounding bound as direct convolution (γ_578·Σ|terms|: 576 products, the bias, the final rounding), every path the same bits,
/// and its measured error beside the direct sum's (the canonical fused chain, computed here), written to the
/// test output for the README.
/// </summary>
public class WinogradTests(ITestOutputHelper output)
{
    private static readonly ConvSpec Spec = new(3, 3, InChannels: 64, OutChannels: 64, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void S6WithinTheDirectRoundingBoundOnEveryPathWithTheSameBits(int seed, bool signedInput)
    {
        var layer = new WinogradS6(seed);
        var x = Tensors.Random(64 * 56 * 56, seed + 100);
        if (!signedInput)
            for (int i = 0; i < x.Length; i++) x[i] = MathF.Abs(x[i]); // a post-ReLU activation: all terms of one sign in x
        var (expected, absSum) = Oracle.Forward(Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), 1, 56, 56);
        var scalar = Run.Forward(layer, ConvPath.Scalar, x, 1, 56, 56);
        Tolerance.AssertWithinRounding(expected, scalar, absSum, Oracle.ForwardTerms(Spec), "S6 Winograd scalar");
        foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512, ConvPath.Auto })
            Tensors.AssertBitsEqual(scalar, Run.Forward(layer, path, x, 1, 56, 56), $"S6 Winograd {path} vs scalar");

        var direct = DirectChain(x, layer.Weight.ToArray(), layer.Bias.ToArray());
        var w = Errors(scalar, expected, absSum);
        var d = Errors(direct, expected, absSum);
        double bound = Tolerance.Gamma(Oracle.ForwardTerms(Spec) + 1);
        output.WriteLine($"S6 seed {seed}, input {(signedInput ? "in [-1, 1]" : "|x|, x in [-1, 1]")}:");
        Report("Winograd:", w, bound, "P1");
        Report("direct:", d, bound, "P1");
    }

    /// <summary>
    /// The input gradient on the full S6 shape, also Winograd (the output gradient framed by 1 and correlated with the
    /// kernels turned by 180°): every path against the double-precision reference within the float32 bound of the direct
    /// sum it replaces (γ_577·Σ|terms|: 576 products and the final rounding; tighter than the catalog's, which also covers
    /// a fold), every path the same bits, and its measured error beside the direct chain's, written to the test output.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void S6InputGradientWithinTheDirectRoundingBoundOnEveryPathWithTheSameBits(int seed)
    {
        var layer = new WinogradS6(seed);
        var x = Tensors.Random(64 * 56 * 56, seed + 100);
        var dy = Tensors.Random(64 * 56 * 56, seed + 200);
        var weight = layer.Weight.ToArray();
        var r = Oracle.Backward(Spec, x, weight, dy, 1, 56, 56);
        int terms = 64 * 9;
        var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, 1, 56, 56).Dx;
        Tolerance.AssertWithinRounding(r.Dx, scalar, r.AbsDx, terms, "S6 Winograd input gradient scalar");
        foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512, ConvPath.Auto })
        {
            layer.ZeroGrad();
            Tensors.AssertBitsEqual(scalar, Run.Backward(layer, path, x, dy, 1, 56, 56).Dx, $"S6 Winograd input gradient {path} vs scalar");
        }

        var direct = DirectInputGradChain(dy, weight);
        var w = Errors(scalar, r.Dx, r.AbsDx);
        var d = Errors(direct, r.Dx, r.AbsDx);
        double bound = Tolerance.Gamma(terms + 1);
        output.WriteLine($"S6 input gradient seed {seed}, dy and x in [-1, 1]:");
        Report("Winograd:", w, bound, "P1");
        Report("direct:", d, bound, "P1");
    }

    /// <summary>
    /// The weight gradient on the full S6 shape, also Winograd (dU = Σ V ⊙ A dY Aᵀ over every item's tiles, then Gᵀ dU G): every
    /// path against the double-precision reference within the float32 bound of the direct sum it replaces (γ_(n+1)·Σ|terms|,
    /// n = batch · 56 · 56 products; tighter than the catalog's, which also covers the direct plan's 8-lane tree), every path
    /// the same bits, and its measured error beside the direct chain's, written to the test output. Two items check that
    /// the chains continue across items.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void S6WeightGradientWithinTheDirectRoundingBoundOnEveryPathWithTheSameBits(int seed, int batch)
    {
        var layer = new WinogradS6(seed);
        var x = Tensors.Random(batch * 64 * 56 * 56, seed + 100);
        var dy = Tensors.Random(batch * 64 * 56 * 56, seed + 200);
        var r = Oracle.Backward(Spec, x, layer.Weight.ToArray(), dy, batch, 56, 56);
        int terms = batch * 56 * 56;
        var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, batch, 56, 56).Dw;
        Tolerance.AssertWithinRounding(r.Dw, scalar, r.AbsDw, terms, "S6 Winograd weight gradient scalar");
        foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512, ConvPath.Auto })
            Tensors.AssertBitsEqual(scalar, Run.Backward(layer, path, x, dy, batch, 56, 56).Dw, $"S6 Winograd weight gradient {path} vs scalar");

        var direct = DirectWeightGradChain(x, dy, batch);
        var w = Errors(scalar, r.Dw, r.AbsDw);
        var d = Errors(direct, r.Dw, r.AbsDw);
        double bound = Tolerance.Gamma(terms + 1);
        output.WriteLine($"S6 weight gradient seed {seed}, batch {batch}, dy and x in [-1, 1]:");
        Report("Winograd:", w, bound, "P2");
        Report("direct:", d, bound, "P2");
    }

    /// <summary>The weight gradient in float32 as one fused chain from zero per weight over (item, output row, output column) on the zero-padded input.</summary>
    private static float[] DirectWeightGradChain(float[] x, float[] dy, int batch)
    {
        var dw = new float[64 * 64 * 9];
        for (int o = 0; o < 64; o++)
            for (int k = 0; k < 64; k++)
                for (int u = 0; u < 3; u++)
                    for (int v = 0; v < 3; v++)
                    {
                        float acc = 0f;
                        for (int n = 0; n < batch; n++)
                            for (int i = 0; i < 56; i++)
                                for (int j = 0; j < 56; j++)
                                {
                                    int r = i + u - 1, c = j + v - 1;
                                    if (r is >= 0 and < 56 && c is >= 0 and < 56)
                                        acc = MathF.FusedMultiplyAdd(dy[((n * 64 + o) * 56 + i) * 56 + j], x[((n * 64 + k) * 56 + r) * 56 + c], acc);
                                }
                        dw[((o * 64 + k) * 3 + u) * 3 + v] = acc;
                    }
        return dw;
    }

    /// <summary>The input gradient in float32 as the direct plan computes it: one fused chain from zero over (output channel, turned kernel row, column) on the framed output gradient.</summary>
    private static float[] DirectInputGradChain(float[] dy, float[] weight)
    {
        var dx = new float[64 * 56 * 56];
        for (int k = 0; k < 64; k++)
            for (int i = 0; i < 56; i++)
                for (int j = 0; j < 56; j++)
                {
                    float acc = 0f;
                    for (int o = 0; o < 64; o++)
                        for (int u = 0; u < 3; u++)
                            for (int v = 0; v < 3; v++)
                            {
                                int r = i + u - 1, c = j + v - 1;
                                float g = r is >= 0 and < 56 && c is >= 0 and < 56 ? dy[(o * 56 + r) * 56 + c] : 0f;
                                acc = MathF.FusedMultiplyAdd(g, weight[((o * 64 + k) * 3 + 2 - u) * 3 + 2 - v], acc);
                            }
                    dx[(k * 56 + i) * 56 + j] = acc;
                }
        return dx;
    }

    /// <summary>Max |error|, max |error| / |reference| (over references above 1e-3 of the largest), max and rms |error| / Σ|terms|.</summary>
    /// <summary>One line of measured error: the maxima, the share of the bound (<paramref name="share"/> is its format) and the rms.</summary>
    private void Report(string what, (double MaxAbs, double MaxRel, double MaxScaled, double RmsScaled) e, double bound, string share) =>
        output.WriteLine($"  {what,-9} max |error| {e.MaxAbs:E2}, max |error| / |reference| {e.MaxRel:E2}, max |error| / Σ|terms| {e.MaxScaled:E2} " +
                         $"({(e.MaxScaled / bound).ToString(share)} of the bound), rms |error| / Σ|terms| {e.RmsScaled:E2}");

    private static (double MaxAbs, double MaxRel, double MaxScaled, double RmsScaled) Errors(float[] got, double[] expected, double[] absSum)
    {
        double maxAbs = 0, maxRel = 0, maxScaled = 0, sumSq = 0, largest = expected.Max(Math.Abs);
        for (int i = 0; i < got.Length; i++)
        {
            double e = Math.Abs(got[i] - expected[i]);
            maxAbs = Math.Max(maxAbs, e);
            if (Math.Abs(expected[i]) > 1e-3 * largest)
                maxRel = Math.Max(maxRel, e / Math.Abs(expected[i]));
            double scaled = e / absSum[i];
            maxScaled = Math.Max(maxScaled, scaled);
            sumSq += scaled * scaled;
        }
        return (maxAbs, maxRel, maxScaled, Math.Sqrt(sumSq / got.Length));
    }

    /// <summary>The direct convolution in float32 as the direct plan computes it: one fused chain from the bias over (input channel, kernel row, kernel column).</summary>
    private static float[] DirectChain(float[] x, float[] weight, float[] bias)
    {
        var y = new float[64 * 56 * 56];
        for (int o = 0; o < 64; o++)
            for (int i = 0; i < 56; i++)
                for (int j = 0; j < 56; j++)
                {
                    float acc = bias[o];
                    for (int k = 0; k < 64; k++)
                        for (int u = 0; u < 3; u++)
                            for (int v = 0; v < 3; v++)
                            {
                                int r = i + u - 1, c = j + v - 1;
                                float xv = r is >= 0 and < 56 && c is >= 0 and < 56 ? x[(k * 56 + r) * 56 + c] : 0f;
                                acc = MathF.FusedMultiplyAdd(xv, weight[((o * 64 + k) * 3 + u) * 3 + v], acc);
                            }
                    y[(o * 56 + i) * 56 + j] = acc;
                }
        return y;
    }
}
