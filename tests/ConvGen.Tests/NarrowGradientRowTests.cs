using ConvGen.Reference;
using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Fixed rows narrower than 8: the weight gradient reads each gradient row as one 8-lane block that also
/// covers neighbouring elements (the next row's, or the previous row's when the block is shifted left at
/// the plane's end), masked to +0. An infinite value in any one input or output-gradient position must
/// reach exactly the weights the reference gives it; one that leaked through a mask into a 0 · Inf
/// would make a NaN, and one masked off wrongly would lose the Inf. Every position is tried, on every path.
/// (The catalog's <see cref="LayerCatalog.Narrow"/> layers also run the reference and path checks of
/// <see cref="BackwardTests"/>.)
/// </summary>
public class NarrowGradientRowTests
{
    public static TheoryData<string> Cases => LayerCatalog.Names(LayerCatalog.Narrow);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnInfiniteInputReachesExactlyTheWeightsItFeeds(string name)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(3);
        int h = c.FixedHeight, w = c.FixedWidth;
        var dy = Positive(Run.OutputLength(layer, 1, h, w), 5);
        for (int p = 0; p < c.Spec.InChannels * h * w; p++)
        {
            var x = Positive(c.Spec.InChannels * h * w, 4);
            x[p] = float.PositiveInfinity;
            Check(c, layer, x, dy, h, w, $"{name} input[{p}] = Inf");
        }
    }

    /// <summary>Layers without zero padding: there an infinite gradient also meets the padding's zeros, and Inf · 0 is NaN
    /// (the padded input is multiplied as it is, as im2col-based convolutions do), which the reference skips.</summary>
    public static TheoryData<string> UnpaddedCases => LayerCatalog.Names(LayerCatalog.Narrow.Where(c =>
        c.Spec.PaddingMode != PaddingMode.Zeros || c.Spec.PadTop + c.Spec.PadBottom + c.Spec.PadLeft + c.Spec.PadRight == 0));

    [Theory]
    [MemberData(nameof(UnpaddedCases))]
    public void AnInfiniteOutputGradientReachesExactlyTheWeightsItFeeds(string name)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(3);
        int h = c.FixedHeight, w = c.FixedWidth;
        var x = Positive(c.Spec.InChannels * h * w, 4);
        for (int q = 0; q < Run.OutputLength(layer, 1, h, w); q++)
        {
            var dy = Positive(Run.OutputLength(layer, 1, h, w), 5);
            dy[q] = float.PositiveInfinity;
            Check(c, layer, x, dy, h, w, $"{name} outputGrad[{q}] = Inf");
        }
    }

    /// <summary>Random values in [0.25, 1.25): every product is positive, so an Inf term makes its sum +Inf and nothing cancels it.</summary>
    private static float[] Positive(int length, int seed)
    {
        var values = Tensors.Abs(Tensors.Random(length, seed));
        for (int i = 0; i < values.Length; i++) values[i] += 0.25f;
        return values;
    }

    private static void Check(LayerCase c, IConvLayer layer, float[] x, float[] dy, int h, int w, string label)
    {
        var (reference, _, _) = ReferenceConv2d.Backward(c.Spec, x, layer.Weight.ToArray(), dy, 1, h, w);
        foreach (var path in Run.Paths)
        {
            var (dw, _, _) = Run.Backward(layer, path, x, dy, 1, h, w);
            for (int i = 0; i < dw.Length; i++)
            {
                Assert.False(float.IsNaN(dw[i]), $"{label} {path}: dW[{i}] is NaN, reference {reference[i]}");
                Assert.True(double.IsPositiveInfinity(reference[i]) == float.IsPositiveInfinity(dw[i]),
                    $"{label} {path}: dW[{i}] is {dw[i]}, reference {reference[i]}");
            }
        }
    }
}
