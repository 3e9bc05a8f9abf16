using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The backward steps chosen for speed, each against the reference and with the same bits on every path:
/// the bias gradient's four interleaved accumulators (every plane length mod 32, with and without whole
/// 32-element rounds), the weight gradient's two-row steps (odd and even heights, rows shorter than, equal
/// to and longer than a block, with and without a tail), and the spread buffer reused across input sizes.
/// </summary>
public class BackwardStepTests
{
    public static TheoryData<int, int> PlaneSizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int h in new[] { 1, 3 })
            for (int w = 1; w <= 70; w += h == 1 ? 1 : 3)
                data.Add(h, w);
        return data;
    }

    [Theory]
    [MemberData(nameof(PlaneSizes))]
    public void BiasGradientOfEveryPlaneLength(int h, int w)
    {
        var c = LayerCatalog.Get("K1x1");
        var layer = c.Create(h * 100 + w);
        int b = 2;
        var x = Tensors.Random(b * h * w, w);
        var dy = Tensors.Random(Run.OutputLength(layer, b, h, w), 1000 + w);
        var r = Oracle.Backward(c.Spec, x, layer.Weight.ToArray(), dy, b, h, w);
        var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, b, h, w);
        Tolerance.AssertWithinRounding(r.Db, scalar.Db, r.AbsDb, Oracle.ReductionTerms(c.Spec, b, h, w), $"{h}x{w} dB");
        foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512 })
            Tensors.AssertBitsEqual(scalar.Db, Run.Backward(layer, path, x, dy, b, h, w).Db, $"{h}x{w} {path} dB");
    }

    public static TheoryData<string, int, int> GradientRows()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in new[] { "K2x1", "K3x3", "K5x5", "K9x13NoBias" })
            foreach (int oh in new[] { 1, 2, 3, 4, 7 })
                foreach (int ow in new[] { 1, 7, 8, 13, 16, 43 })
                    data.Add(name, oh, ow);
        return data;
    }

    [Theory]
    [MemberData(nameof(GradientRows))]
    public void WeightGradientTwoRowStepsMatchTheReferenceWithTheSameBits(string name, int oh, int ow)
    {
        var c = LayerCatalog.Get(name);
        int b = 2, h = oh + c.Spec.KernelHeight - 1, w = ow + c.Spec.KernelWidth - 1;
        var layer = c.Create(oh * 100 + ow);
        Assert.Equal(oh, layer.OutputHeight(h));
        Assert.Equal(ow, layer.OutputWidth(w));
        PathChecks.Backward(c, layer, b, h, w, 7 + oh * 100 + ow, $"{name} {oh}x{ow}");
    }

    /// <summary>
    /// A run-time-size layer reuses its spread buffer: after a large input, a smaller one lays its rows out
    /// differently, and the stale values of the first call must not reach the second's frame (only the frame
    /// between the copied rows is cleared now, not the whole buffer).
    /// </summary>
    [Theory]
    [InlineData("K3x3")]
    [InlineData("K5x5")]
    [InlineData("C3to2K3x3")]
    public void SpreadBufferReusedForASmallerInputKeepsItsFrameZero(string name)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(5);
        int cin = c.Spec.InChannels;
        foreach (var path in Run.Paths)
        {
            var big = Tensors.Random(cin * 40 * 50, 1);
            var bigDy = Tensors.Abs(Tensors.Random(Run.OutputLength(layer, 1, 40, 50), 2));
            Run.Backward(layer, path, big, bigDy, 1, 40, 50);
            foreach (var (h, w) in new[] { (9, 11), (12, 7), (7, 30) })
            {
                var x = Tensors.Random(cin * h * w, h + w);
                var dy = Tensors.Random(Run.OutputLength(layer, 1, h, w), h * w);
                var r = Oracle.Backward(c.Spec, x, layer.Weight.ToArray(), dy, 1, h, w);
                var (_, _, dx) = Run.Backward(layer, path, x, dy, 1, h, w);
                Tolerance.AssertWithinRounding(r.Dx, dx, r.AbsDx, Oracle.InputGradTerms(c.Spec, h, w), $"{name} {path} {h}x{w} dX after 40x50");
            }
        }
    }
}
