using ConvGen.Reference;
using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// The plain reference convolution against PyTorch on every case: checks the data, the resolved
/// padding and padding modes, and the tolerance, independently of the generated code.
/// </summary>
public class ReferenceConformanceTests
{
    [Theory, MemberData(nameof(SweepTheories.AllCases), MemberType = typeof(SweepTheories))]
    public void ReferenceMatchesPyTorch(string name)
    {
        var c = SweepData.Cases[name];
        var bound = new Float32Bound(c);
        Assert.Equal(c.OutHeight, c.Spec.OutputHeight(c.Height));
        Assert.Equal(c.OutWidth, c.Spec.OutputWidth(c.Width));

        var output = new float[c.Output.Length];
        ReferenceConv2d.Forward(c.Spec, c.Input, c.Weight, c.Bias, output, c.Batch, c.Height, c.Width);
        Compare.Within($"{c} output", output, c.Output, bound.Output);

        var (dw, db, dx) = ReferenceConv2d.Backward(c.Spec, c.Input, c.Weight, c.OutputGrad, c.Batch, c.Height, c.Width);
        Compare.Within($"{c} input_grad", ToFloat(dx), c.InputGrad, bound.InputGrad);
        Compare.Within($"{c} weight_grad", ToFloat(dw), c.WeightGrad, bound.WeightGrad);
        Compare.Within($"{c} bias_grad", ToFloat(db), c.BiasGrad, bound.BiasGrad);
    }

    /// <summary>The tolerance must be able to fail: a one-ulp-per-term error in a long sum is outside it.</summary>
    [Fact]
    public void ToleranceRejectsAWrongTapWeight()
    {
        var c = SweepData.Cases.Values.First(k => k.Spec.WeightLength > 8 && k.Spec.HasBias);
        var bound = new Float32Bound(c);
        var weight = (float[])c.Weight.Clone();
        weight[0] *= 1.001f; // one tap 0.1 % off
        var output = new float[c.Output.Length];
        ReferenceConv2d.Forward(c.Spec, c.Input, weight, c.Bias, output, c.Batch, c.Height, c.Width);
        Assert.ThrowsAny<Exception>(() => Compare.Within("perturbed", output, c.Output, bound.Output));
    }

    private static float[] ToFloat(double[] values) => [.. values.Select(v => (float)v)];
}
