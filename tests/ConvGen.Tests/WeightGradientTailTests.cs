using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The weight gradient's row tails: a stride-1 row of at least 8 columns ends in one block overlapping
/// the row's end with the columns already counted masked off; a shorter row is zero-padded. Every
/// output width from 1 to 24 (each tail length, with and without full blocks), against the reference
/// and across paths, and an infinite input the mask must keep out of a 0 · Inf.
/// </summary>
public class WeightGradientTailTests
{
    public static TheoryData<string, int> Widths()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "K3x3", "C3to2K3x3", "K1x7" })
            for (int ow = 1; ow <= 24; ow++)
                data.Add(name, ow);
        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EveryOutputWidthMatchesTheReferenceWithTheSameBitsOnEveryPath(string name, int ow)
    {
        var c = LayerCatalog.Get(name);
        int b = 2, h = c.Spec.KernelHeight + 2, w = ow + c.Spec.KernelWidth - 1;
        var layer = c.Create(ow);
        var x = Tensors.Random(b * c.Spec.InChannels * h * w, 100 + ow);
        var dy = Tensors.Random(Run.OutputLength(layer, b, h, w), 200 + ow);
        Assert.Equal(ow, layer.OutputWidth(w));
        var r = Oracle.Backward(c.Spec, x, layer.Weight.ToArray(), dy, b, h, w);
        var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, b, h, w);
        foreach (var path in Run.Paths)
        {
            var (dw, db, _) = Run.Backward(layer, path, x, dy, b, h, w);
            Tolerance.AssertWithinRounding(r.Dw, dw, r.AbsDw, Oracle.ReductionTerms(c.Spec, b, h, w), $"{name} ow={ow} {path} dW");
            Tolerance.AssertWithinRounding(r.Db, db, r.AbsDb, Oracle.ReductionTerms(c.Spec, b, h, w), $"{name} ow={ow} {path} dB");
            Tensors.AssertBitsEqual(scalar.Dw, dw, $"{name} ow={ow} {path} dW");
        }
    }

    /// <summary>
    /// An infinite input inside the overlap of a row's last block: the weights it feeds get +Inf (dy is
    /// positive), as in the reference; a masked gradient lane times the unmasked Inf would give NaN.
    /// </summary>
    [Theory]
    [InlineData("C3to2K3x3", 5, 12, 3)]  // run-time size: ow = 10, the last block covers columns 2..9
    [InlineData("Fixed9x13", 9, 13, 4)]  // fixed size, padding 2: ow = 13, the last block covers columns 5..12
    public void AnInfiniteInputInTheOverlapGivesInfinityNotNaN(string name, int h, int w, int column)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(3);
        var x = Tensors.Random(c.Spec.InChannels * h * w, 4);
        x[2 * w + column] = float.PositiveInfinity; // channel 0, row 2
        var dy = Tensors.Abs(Tensors.Random(Run.OutputLength(layer, 1, h, w), 5));
        for (int i = 0; i < dy.Length; i++) dy[i] += 0.25f;
        var (reference, _, _) = ConvGen.Reference.ReferenceConv2d.Backward(c.Spec, x, layer.Weight.ToArray(), dy, 1, h, w);
        Assert.Contains(double.PositiveInfinity, reference);
        foreach (var path in Run.Paths)
        {
            var (dw, _, _) = Run.Backward(layer, path, x, dy, 1, h, w);
            for (int i = 0; i < dw.Length; i++)
            {
                Assert.False(float.IsNaN(dw[i]), $"{name} {path}: dW[{i}] is NaN, reference {reference[i]}");
                Assert.Equal(double.IsPositiveInfinity(reference[i]), float.IsPositiveInfinity(dw[i]));
            }
        }
    }
}
