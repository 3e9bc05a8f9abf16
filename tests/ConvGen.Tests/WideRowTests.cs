using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using CsCheck;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Rows wide enough for every step kind on every path: the widest register tiles (8 vectors of 8 lanes =
/// 64 columns), the two-row tiles of single-plane layers (6 vectors = 48 columns) and the single vectors
/// and overlapped vector after them. The random shapes of <see cref="ForwardTests"/> stay narrow (they
/// cover every remainder mod 8); here heights are odd and even, so a last row without a partner runs too.
/// </summary>
public class WideRowTests
{
    public static TheoryData<string> Cases => LayerCatalog.Names(
        new[] { "K2x1", "K3x3", "K3x5NoBias", "K5x5", "K9x13NoBias", "K1x2NoBias", "C3to2K3x3", "Depthwise2x", "MixedAxes" }.Select(LayerCatalog.Get));

    private static Gen<Shapes.Input> Wide(LayerCase c) =>
        Gen.Select(Gen.Int[1, 2], Gen.Int[c.Spec.KernelHeight * c.Spec.DilationHeight, c.Spec.KernelHeight * c.Spec.DilationHeight + 5], Gen.Int[100, 180], Gen.Int,
            (b, h, w, seed) => new Shapes.Input(b, h, w, seed));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesReferenceAndEveryPathGivesTheSameBits(string name)
    {
        var c = LayerCatalog.Get(name);
        Wide(c).Sample(input =>
        {
            var layer = c.Create(input.Seed);
            var x = Tensors.Random(input.Batch * c.Spec.InChannels * input.Height * input.Width, input.Seed + 1);
            var (expected, absSum) = Oracle.Forward(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), input.Batch, input.Height, input.Width);
            var scalar = Run.Forward(layer, ConvPath.Scalar, x, input.Batch, input.Height, input.Width);
            Tolerance.AssertWithinRounding(expected, scalar, absSum, Oracle.ForwardTerms(c.Spec), $"{name} Scalar {input}");
            foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256 })
                Tensors.AssertBitsEqual(scalar, Run.Forward(layer, path, x, input.Batch, input.Height, input.Width), $"{name} {path} vs scalar {input}");
        }, iter: 6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesReferenceAndEveryPathGivesTheSameBits(string name)
    {
        var c = LayerCatalog.Get(name);
        Wide(c).Sample(input =>
        {
            var (b, h, w) = (input.Batch, input.Height, input.Width);
            var layer = c.Create(input.Seed);
            var x = Tensors.Random(b * c.Spec.InChannels * h * w, input.Seed + 1);
            var dy = Tensors.Random(Run.OutputLength(layer, b, h, w), input.Seed + 2);
            var r = Oracle.Backward(c.Spec, x, layer.Weight.ToArray(), dy, b, h, w);
            var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, b, h, w);
            Tolerance.AssertWithinRounding(r.Dw, scalar.Dw, r.AbsDw, Oracle.ReductionTerms(c.Spec, b, h, w), $"{name} dW {input}");
            Tolerance.AssertWithinRounding(r.Dx, scalar.Dx, r.AbsDx, Oracle.InputGradTerms(c.Spec, h, w), $"{name} dX {input}");
            foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256 })
            {
                var other = Run.Backward(layer, path, x, dy, b, h, w);
                Tensors.AssertBitsEqual(scalar.Dw, other.Dw, $"{name} {path} dW {input}");
                Tensors.AssertBitsEqual(scalar.Db, other.Db, $"{name} {path} dB {input}");
                Tensors.AssertBitsEqual(scalar.Dx, other.Dx, $"{name} {path} dX {input}");
            }
        }, iter: 4);
    }
}
