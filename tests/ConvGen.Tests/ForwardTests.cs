using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using CsCheck;
using Xunit;

namespace ConvGen.Tests;

/// <summary>Generated Forward against the reference convolution, on every path, over random input sizes.</summary>
public class ForwardTests
{
    public static TheoryData<string> Cases => LayerCatalog.Names(LayerCatalog.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceOnEveryPath(string name)
    {
        var c = LayerCatalog.Get(name);
        Shapes.For(c).Sample(input =>
        {
            var layer = c.Create(input.Seed);
            var x = Tensors.Random(input.Batch * c.Spec.InChannels * input.Height * input.Width, input.Seed + 1);
            var (expected, absSum) = Oracle.Forward(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), input.Batch, input.Height, input.Width);
            foreach (var path in Run.Paths)
            {
                var y = Run.Forward(layer, path, x, input.Batch, input.Height, input.Width);
                Tolerance.AssertWithinRounding(expected, y, absSum, Oracle.ForwardTerms(c.Spec), $"{name} {path} {input}");
            }
        }, iter: Shapes.Samples(12));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryPathGivesTheSameBits(string name)
    {
        var c = LayerCatalog.Get(name);
        Shapes.For(c).Sample(input =>
        {
            var layer = c.Create(input.Seed);
            var x = Tensors.Random(input.Batch * c.Spec.InChannels * input.Height * input.Width, input.Seed + 1);
            var scalar = Run.Forward(layer, ConvPath.Scalar, x, input.Batch, input.Height, input.Width);
            Tensors.AssertBitsEqual(scalar, Run.Forward(layer, ConvPath.Vector128, x, input.Batch, input.Height, input.Width), $"{name} Vector128 vs scalar {input}");
            Tensors.AssertBitsEqual(scalar, Run.Forward(layer, ConvPath.Vector256, x, input.Batch, input.Height, input.Width), $"{name} Vector256 vs scalar {input}");
            Tensors.AssertBitsEqual(scalar, Run.Forward(layer, ConvPath.Vector512, x, input.Batch, input.Height, input.Width), $"{name} Vector512 vs scalar {input}");
            Tensors.AssertBitsEqual(scalar, Run.Forward(layer, ConvPath.Auto, x, input.Batch, input.Height, input.Width), $"{name} Auto vs scalar {input}");
        }, iter: Shapes.Samples(25));
    }

    [Fact]
    public void ChapterEdgeDetection()
    {
        // X = ones(6, 8) with columns 2..5 zero; K = [[1, -1]] gives +1 in column 1 and -1 in column 5.
        var layer = new K1x2NoBias(0);
        layer.Weight[0] = 1; layer.Weight[1] = -1;
        var x = new float[48];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 8; j++)
                x[i * 8 + j] = j is >= 2 and < 6 ? 0 : 1;
        foreach (var path in Run.Paths)
        {
            var y = Run.Forward(layer, path, x, 1, 6, 8);
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 7; j++)
                    Assert.Equal(j == 1 ? 1f : j == 5 ? -1f : 0f, y[i * 7 + j]);
        }
    }

    [Fact]
    public void ChapterCorr2dExampleThroughAGeneratedLayer()
    {
        var layer = new K2x2NoBias(0);
        new float[] { 0, 1, 2, 3 }.CopyTo(layer.Weight);
        var x = new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
        foreach (var path in Run.Paths)
            Assert.Equal(new float[] { 19, 25, 37, 43 }, Run.Forward(layer, path, x, 1, 3, 3));
    }

    [Theory]
    [InlineData("Fixed9x13")]
    [InlineData("FixedDepthwise")]
    [InlineData("BorderDepthwise")]
    [InlineData("BorderSameEven")]
    [InlineData("BorderTwoInputs")]
    [InlineData("BorderPad3")]
    [InlineData("BorderPad5")]
    public void FixedZeroPaddingStaysZeroAcrossCalls(string name)
    {
        // A fixed-size zero-padded layer copies only the interior of each input into its padded buffer (or, reading the
        // input in place, only the rows next to the border into its band buffer) and
        // relies on the border staying zero: calls with other inputs, backward passes and batches must
        // never leave anything there. Each call is checked against the reference for its own input.
        var c = LayerCatalog.Get(name);
        var layer = c.Create(3);
        int h = c.FixedHeight, w = c.FixedWidth, inItem = c.Spec.InChannels * h * w;
        int outItem = c.Spec.OutChannels * c.Spec.OutputHeight(h) * c.Spec.OutputWidth(w);
        for (int call = 0; call < 6; call++)
        {
            int batch = 1 + call % 3;
            var x = Tensors.Random(batch * inItem, 100 + call);
            for (int i = 0; i < x.Length; i++) x[i] *= 1 + 1000 * (call % 2); // large values one call, small the next
            var (expected, absSum) = Oracle.Forward(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), batch, h, w);
            foreach (var path in Run.Paths)
                Tolerance.AssertWithinRounding(expected, Run.Forward(layer, path, x, batch, h, w), absSum, Oracle.ForwardTerms(c.Spec), $"{name} call {call} {path}");
            layer.Backward(x, Tensors.Random(batch * outItem, 200 + call), new float[x.Length], batch, h, w);
        }
    }
}
