using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// Every declared sweep layer (SweepLayers.g.cs) against PyTorch's forward output and autograd gradients,
/// on every instruction-set path, at the float32 bound of <see cref="Float32Bound"/>.
/// </summary>
public class GeneratedConformanceTests
{
    [Theory, MemberData(nameof(SweepTheories.DeclaredCases), MemberType = typeof(SweepTheories))]
    public void LayerHasPyTorchsShape(string name)
    {
        var c = SweepData.Cases[name];
        var layer = SweepLayers.Create[name](ConvPath.Auto);
        Assert.Equal(c.Spec.InChannels, layer.InChannels);
        Assert.Equal(c.Spec.OutChannels, layer.OutChannels);
        Assert.Equal(c.Spec.Groups, layer.Groups);
        Assert.Equal(c.Spec.KernelHeight, layer.KernelHeight);
        Assert.Equal(c.Spec.KernelWidth, layer.KernelWidth);
        Assert.Equal(c.Weight.Length, layer.Weight.Length);
        Assert.Equal(c.Bias.Length, layer.Bias.Length);
        Assert.Equal(c.Weight.Length, layer.WeightGrad.Length);
        Assert.Equal(c.Bias.Length, layer.BiasGrad.Length);
        Assert.Equal(c.OutHeight, layer.OutputHeight(c.Height));
        Assert.Equal(c.OutWidth, layer.OutputWidth(c.Width));
    }

    [Theory, MemberData(nameof(SweepTheories.DeclaredCasesOnEveryPath), MemberType = typeof(SweepTheories))]
    public void ForwardMatchesPyTorch(string name, ConvPath path)
    {
        var c = SweepData.Cases[name];
        var run = LayerRun.Of(c, path);
        Compare.Within($"{c} [{path}] output", run.Output, c.Output, new Float32Bound(c).Output);
    }

    [Theory, MemberData(nameof(SweepTheories.DeclaredCasesOnEveryPath), MemberType = typeof(SweepTheories))]
    public void BackwardMatchesPyTorch(string name, ConvPath path)
    {
        var c = SweepData.Cases[name];
        var bound = new Float32Bound(c);
        var run = LayerRun.Of(c, path);
        Compare.Within($"{c} [{path}] input_grad", run.InputGrad, c.InputGrad, bound.InputGrad);
        Compare.Within($"{c} [{path}] weight_grad", run.WeightGrad, c.WeightGrad, bound.WeightGrad);
        Compare.Within($"{c} [{path}] bias_grad", run.BiasGrad, c.BiasGrad, bound.BiasGrad);
    }

    /// <summary>
    /// A second Backward adds into WeightGrad/BiasGrad like autograd, and an empty inputGrad span skips only
    /// the input gradient. After two passes each gradient is a float32 sum of 2m terms with Σ|terms| = 2S
    /// (whether the layer adds its second result to the first or accumulates term by term), so it lies within
    /// γ_2m·2S ≤ 4γ_m·S(1 + O(u)) of 2G; PyTorch's doubled value lies within 2γ_m·S of 2G. Together
    /// ≤ 6γ_m·S(1 + O(u)) ≤ 4·tolerance, tolerance being 2γ_m·S.
    /// </summary>
    [Theory, MemberData(nameof(SweepTheories.DeclaredCasesOnEveryPath), MemberType = typeof(SweepTheories))]
    public void BackwardAccumulatesAndCanSkipInputGrad(string name, ConvPath path)
    {
        var c = SweepData.Cases[name];
        var bound = new Float32Bound(c);
        var layer = LayerRun.NewLayer(c, path);
        layer.ZeroGrad();
        layer.Backward(c.Input, c.OutputGrad, new float[c.Input.Length], c.Batch, c.Height, c.Width);
        layer.Backward(c.Input, c.OutputGrad, Span<float>.Empty, c.Batch, c.Height, c.Width);
        Compare.Within($"{c} [{path}] weight_grad after two passes", layer.WeightGrad, Doubled(c.WeightGrad), Scaled(bound.WeightGrad, 4));
        Compare.Within($"{c} [{path}] bias_grad after two passes", layer.BiasGrad, Doubled(c.BiasGrad), Scaled(bound.BiasGrad, 4));

        layer.ZeroGrad();
        Assert.All(layer.WeightGrad.ToArray(), g => Assert.Equal(0f, g));
        Assert.All(layer.BiasGrad.ToArray(), g => Assert.Equal(0f, g));
    }

    /// <summary>Every path is the same arithmetic (DESIGN.md, "Same bits on every path").</summary>
    [Theory, MemberData(nameof(SweepTheories.DeclaredCases), MemberType = typeof(SweepTheories))]
    public void EveryPathGivesTheSameBits(string name)
    {
        var c = SweepData.Cases[name];
        var scalar = LayerRun.Of(c, ConvPath.Scalar);
        foreach (var path in new[] { ConvPath.Auto, ConvPath.Vector512, ConvPath.Vector256, ConvPath.Vector128 })
        {
            var run = LayerRun.Of(c, path);
            Compare.SameBits($"{c} output {path} vs Scalar", run.Output, scalar.Output);
            Compare.SameBits($"{c} input_grad {path} vs Scalar", run.InputGrad, scalar.InputGrad);
            Compare.SameBits($"{c} weight_grad {path} vs Scalar", run.WeightGrad, scalar.WeightGrad);
            Compare.SameBits($"{c} bias_grad {path} vs Scalar", run.BiasGrad, scalar.BiasGrad);
        }
    }

    /// <summary>The fixed-size overloads compute exactly what the sized calls compute.</summary>
    [Theory, MemberData(nameof(SweepTheories.FixedSizeCases), MemberType = typeof(SweepTheories))]
    public void FixedSizeOverloadsMatchTheSizedCalls(string name)
    {
        var c = SweepData.Cases[name];
        var calls = SweepLayers.Fixed[name];
        foreach (var path in Enum.GetValues<ConvPath>())
        {
            var sized = LayerRun.Of(c, path);
            var layer = LayerRun.NewLayer(c, path);
            var output = new float[c.Output.Length];
            calls.Forward(layer, c.Input, output, c.Batch);
            var inputGrad = new float[c.Input.Length];
            layer.ZeroGrad();
            calls.Backward(layer, c.Input, c.OutputGrad, inputGrad, c.Batch);
            Compare.SameBits($"{c} [{path}] fixed-size output", output, sized.Output);
            Compare.SameBits($"{c} [{path}] fixed-size input_grad", inputGrad, sized.InputGrad);
            Compare.SameBits($"{c} [{path}] fixed-size weight_grad", layer.WeightGrad, sized.WeightGrad);
            Compare.SameBits($"{c} [{path}] fixed-size bias_grad", layer.BiasGrad, sized.BiasGrad);
        }
    }

    private static float[] Doubled(float[] values) => [.. values.Select(v => 2 * v)];
    private static double[] Scaled(double[] values, double factor) => [.. values.Select(v => v * factor)];
}
