using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using CsCheck;
using Xunit;

namespace ConvGen.Tests;

/// <summary>Generated Backward against the reference gradients, on every path, and the paths against each other.</summary>
public class BackwardTests
{
    public static TheoryData<string> Cases => LayerCatalog.Names(LayerCatalog.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceOnEveryPath(string name)
    {
        var c = LayerCatalog.Get(name);
        Shapes.For(c).Sample(input =>
        {
            var (b, h, w) = (input.Batch, input.Height, input.Width);
            var layer = c.Create(input.Seed);
            var x = Tensors.Random(b * c.Spec.InChannels * h * w, input.Seed + 1);
            var dy = Tensors.Random(Run.OutputLength(layer, b, h, w), input.Seed + 2);
            var r = Oracle.Backward(c.Spec, x, layer.Weight.ToArray(), dy, b, h, w);
            foreach (var path in Run.Paths)
            {
                var (dw, db, dx) = Run.Backward(layer, path, x, dy, b, h, w);
                Tolerance.AssertWithinRounding(r.Dw, dw, r.AbsDw, Oracle.ReductionTerms(c.Spec, b, h, w), $"{name} {path} dW {input}");
                Tolerance.AssertWithinRounding(r.Db, db, r.AbsDb, Oracle.ReductionTerms(c.Spec, b, h, w), $"{name} {path} dB {input}");
                Tolerance.AssertWithinRounding(r.Dx, dx, r.AbsDx, Oracle.InputGradTerms(c.Spec, h, w), $"{name} {path} dX {input}");
            }
        }, iter: Shapes.Samples(10));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryPathGivesTheSameBits(string name)
    {
        var c = LayerCatalog.Get(name);
        Shapes.For(c).Sample(input =>
        {
            var (b, h, w) = (input.Batch, input.Height, input.Width);
            var layer = c.Create(input.Seed);
            var x = Tensors.Random(b * c.Spec.InChannels * h * w, input.Seed + 1);
            var dy = Tensors.Random(Run.OutputLength(layer, b, h, w), input.Seed + 2);
            var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, b, h, w);
            foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512, ConvPath.Auto })
            {
                var other = Run.Backward(layer, path, x, dy, b, h, w);
                Tensors.AssertBitsEqual(scalar.Dw, other.Dw, $"{name} {path} dW {input}");
                Tensors.AssertBitsEqual(scalar.Db, other.Db, $"{name} {path} dB {input}");
                Tensors.AssertBitsEqual(scalar.Dx, other.Dx, $"{name} {path} dX {input}");
            }
        }, iter: Shapes.Samples(20));
    }

    [Fact]
    public void GradientsAccumulateUntilZeroGrad()
    {
        // One batch item, so the second call adds exactly what the first stored: g + g = 2g in float32.
        // (With several items the second call rounds after each item, and 2g need not be exact.)
        var layer = new K3x3(7);
        var x = Tensors.Random(9 * 11, 1);
        var dy = Tensors.Random(7 * 9, 2);
        layer.Backward(x, dy, Span<float>.Empty, 1, 9, 11);
        var once = (layer.WeightGrad.ToArray(), layer.BiasGrad.ToArray());
        layer.Backward(x, dy, Span<float>.Empty, 1, 9, 11);
        for (int i = 0; i < once.Item1.Length; i++) Assert.Equal(2 * once.Item1[i], layer.WeightGrad[i]);
        Assert.Equal(2 * once.Item2[0], layer.BiasGrad[0]);
        layer.ZeroGrad();
        Assert.All(layer.WeightGrad.ToArray(), g => Assert.Equal(0f, g));
        Assert.All(layer.BiasGrad.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void EmptyInputGradSkipsItButStillFillsParameterGradients()
    {
        var layer = new K3x3(7);
        var x = Tensors.Random(9 * 11, 1);
        var dy = Tensors.Random(7 * 9, 2);
        var full = Run.Backward(layer, ConvPath.Auto, x, dy, 1, 9, 11);
        layer.ZeroGrad();
        layer.Backward(x, dy, Span<float>.Empty, 1, 9, 11);
        Tensors.AssertBitsEqual(full.Dw, layer.WeightGrad, "dW without dX");
        Tensors.AssertBitsEqual(full.Db, layer.BiasGrad, "dB without dX");
    }
}
