using ConvGen.Reference;
using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Layers whose forward pass reads the input in place (the edge columns through loads that zero the lanes in the
/// padding) and computes the top and bottom rows from copies of the border's rows. Their promise is stronger than "close to the reference": every output element is
/// exactly the chain of fused multiply-adds the padded-copy plan computes — from the bias, over every tap in
/// (input channel, kernel row, kernel column) order, the zero border's taps included. This test writes that
/// chain out with <see cref="MathF.FusedMultiplyAdd"/> over an explicitly zero-padded input and compares bits
/// on every path, batches of 1 to 3.
/// </summary>
public class BorderForwardTests
{
    public static TheoryData<string> Cases => new() { "BorderDepthwise", "BorderNarrow", "BorderSameEven", "BorderTwoInputs", "BorderPad3", "BorderPad5", "BorderRowsOnly", "BorderColumnsOnly", "BorderSingle5x5", "BorderBig18" };

    /// <summary>The chain over the zero-padded input, one element at a time.</summary>
    private static float[] Chain(ConvSpec s, float[] x, float[] weight, float[] bias, int batch, int h, int w)
    {
        int oh = s.OutputHeight(h), ow = s.OutputWidth(w);
        var y = new float[batch * s.OutChannels * oh * ow];
        for (int n = 0; n < batch; n++)
            for (int oc = 0; oc < s.OutChannels; oc++)
            {
                int g = oc / s.OutPerGroup;
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        float a = s.HasBias ? bias[oc] : 0f;
                        for (int ic = 0; ic < s.InPerGroup; ic++)
                            for (int u = 0; u < s.KernelHeight; u++)
                                for (int v = 0; v < s.KernelWidth; v++)
                                {
                                    int r = i + u - s.PadTop, c = j + v - s.PadLeft;
                                    float xv = r >= 0 && r < h && c >= 0 && c < w ? x[((n * s.InChannels + g * s.InPerGroup + ic) * h + r) * w + c] : 0f;
                                    a = MathF.FusedMultiplyAdd(xv, weight[((oc * s.InPerGroup + ic) * s.KernelHeight + u) * s.KernelWidth + v], a);
                                }
                        y[((n * s.OutChannels + oc) * oh + i) * ow + j] = a;
                    }
            }
        return y;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryPathComputesThePaddedChainToTheBit(string name)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(11);
        int h = c.FixedHeight, w = c.FixedWidth;
        for (int batch = 1; batch <= 3; batch++)
        {
            var x = Tensors.Random(batch * c.Spec.InChannels * h * w, 40 + batch);
            var expected = Chain(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), batch, h, w);
            foreach (var path in Run.Paths.Append(ConvPath.Auto))
                Tensors.AssertBitsEqual(expected, Run.Forward(layer, path, x, batch, h, w), $"{name} batch {batch} {path}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheBorderTapsAreAddedNotSkipped(string name)
    {
        // Input -0 everywhere, bias -0 and positive weights: an element that reads no border tap stays -0, but one
        // that reads a border tap adds +0 · w = +0, and -0 + +0 = +0. Skipping the border's taps would leave -0.
        var c = LayerCatalog.Get(name);
        var layer = c.Create(5);
        for (int i = 0; i < layer.Weight.Length; i++) layer.Weight[i] = 0.5f + i % 3;
        layer.Bias.Fill(-0f);
        int h = c.FixedHeight, w = c.FixedWidth;
        var x = new float[c.Spec.InChannels * h * w];
        Array.Fill(x, -0f);
        var expected = Chain(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), 1, h, w);
        if (c.Spec.HasBias)
        {
            Assert.Contains(expected, v => v == 0f && float.IsNegative(v)); // the elements away from the border...
            Assert.Contains(expected, v => v == 0f && !float.IsNegative(v)); // ...and the edge's
        }
        foreach (var path in Run.Paths)
            Tensors.AssertBitsEqual(expected, Run.Forward(layer, path, x, 1, h, w), $"{name} {path}");
    }
}
