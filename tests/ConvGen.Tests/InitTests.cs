using ConvGen.Tests.Layers;
using Xunit;

namespace ConvGen.Tests;

/// <summary>PyTorch's default Conv2d initialisation: weights and bias uniform in ±1/sqrt(fan_in).</summary>
public class InitTests
{
    [Fact]
    public void WeightsAndBiasAreUniformWithinPyTorchsBound()
    {
        // fan_in = 3 / 1 · 3 · 3 = 27 for C3to2K3x3; gather many layers for a distribution check.
        double bound = 1 / Math.Sqrt(27);
        var values = Enumerable.Range(0, 400).SelectMany(seed =>
        {
            var layer = new C3to2K3x3(seed);
            return layer.Weight.ToArray().Concat(layer.Bias.ToArray());
        }).ToArray();
        Assert.All(values, v => Assert.InRange(v, -bound, bound));
        // U(-b, b): mean 0, variance b²/3. With 22,400 samples the standard errors are ~0.004·b and ~0.004·b²/3.
        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => (double)v * v) - mean * mean;
        Assert.InRange(mean, -0.02 * bound, 0.02 * bound);
        Assert.InRange(variance, bound * bound / 3 * 0.97, bound * bound / 3 * 1.03);
    }

    [Fact]
    public void SeededInitialisationIsReproducibleAndSeedsDiffer()
    {
        Assert.Equal(new K5x5(42).Weight.ToArray(), new K5x5(42).Weight.ToArray());
        Assert.Equal(new K5x5(42).Bias.ToArray(), new K5x5(42).Bias.ToArray());
        Assert.NotEqual(new K5x5(42).Weight.ToArray(), new K5x5(43).Weight.ToArray());
        Assert.NotEqual(new K5x5().Weight.ToArray(), new K5x5().Weight.ToArray());
    }

    [Fact]
    public void ShapesFollowTheContract()
    {
        var layer = new Depthwise2x(1);
        Assert.Equal((4, 8, 4, 3, 3), (layer.InChannels, layer.OutChannels, layer.Groups, layer.KernelHeight, layer.KernelWidth));
        Assert.Equal(8 * 1 * 3 * 3, layer.Weight.Length);
        Assert.Equal(8, layer.Bias.Length);
        Assert.Equal(layer.Weight.Length, layer.WeightGrad.Length);
        Assert.Equal(0, new K1x2NoBias(1).Bias.Length);
        Assert.Equal(0, new K1x2NoBias(1).BiasGrad.Length);
        // PyTorch: floor((H + 2p − d(k − 1) − 1) / s) + 1.
        var strided = new Strided(1);
        Assert.Equal((7 + 2 - 2 - 1) / 2 + 1, strided.OutputHeight(7));
        Assert.Equal((8 + 2 - 2 - 1) / 2 + 1, strided.OutputWidth(8));
    }
}
