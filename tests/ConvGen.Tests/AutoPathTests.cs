using ConvGen.Internal;
using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The path <see cref="ConvPath.Auto"/> picks gives the same bits as every forced path. The runtime's
/// switch tests run this class again in child processes with instruction sets turned off, so the
/// dispatch itself is exercised on each path (CONVGEN_EXPECTED_PATH then names the path Auto must pick).
/// </summary>
public class AutoPathTests
{
    [Fact]
    public void AutoResolvesAsTheEnvironmentExpects()
    {
        var resolved = Paths.Resolve(ConvPath.Auto);
        Assert.NotEqual(ConvPath.Auto, resolved);
        if (Environment.GetEnvironmentVariable("CONVGEN_EXPECTED_PATH") is { Length: > 0 } expected)
            Assert.Equal(Enum.Parse<ConvPath>(expected), resolved);
        Console.WriteLine($"Auto path: {resolved}");
    }

    [Fact]
    public void AutoMatchesForcedPathsAndTheReference()
    {
        foreach (var c in new[] { "K1x2NoBias", "K3x3", "K9x13NoBias", "Strided", "Depthwise2x", "ReflectPad", "Fixed9x13" }.Select(LayerCatalog.Get))
        {
            int b = 2, h = c.FixedHeight > 0 ? c.FixedHeight : 17, w = c.FixedWidth > 0 ? c.FixedWidth : 21;
            var layer = c.Create(3);
            var x = Tensors.Random(b * c.Spec.InChannels * h * w, 4);
            var auto = Run.Forward(layer, ConvPath.Auto, x, b, h, w);
            foreach (var path in Run.Paths)
                Tensors.AssertBitsEqual(auto, Run.Forward(layer, path, x, b, h, w), $"{c.Name} forward Auto vs {path}");
            var (expected, absSum) = Oracle.Forward(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), b, h, w);
            Tolerance.AssertWithinRounding(expected, auto, absSum, Oracle.ForwardTerms(c.Spec), $"{c.Name} forward Auto vs reference");

            var dy = Tensors.Random(auto.Length, 5);
            var autoGrads = Run.Backward(layer, ConvPath.Auto, x, dy, b, h, w);
            foreach (var path in Run.Paths)
            {
                var grads = Run.Backward(layer, path, x, dy, b, h, w);
                Tensors.AssertBitsEqual(autoGrads.Dw, grads.Dw, $"{c.Name} dW Auto vs {path}");
                Tensors.AssertBitsEqual(autoGrads.Dx, grads.Dx, $"{c.Name} dX Auto vs {path}");
            }
        }
    }
}
