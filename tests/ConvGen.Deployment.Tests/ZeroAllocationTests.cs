using ConvGen.Deployment.Tests.Layers;
using Xunit;

namespace ConvGen.Deployment.Tests;

/// <summary>
/// Forward and Backward allocate nothing on the managed heap once a layer has seen its input size
/// (GC.GetAllocatedBytesForCurrentThread over many calls after warm-up), on every path, for fixed
/// and run-time sizes, one and many channels, and after loading weights from a file.
/// </summary>
public class ZeroAllocationTests
{
    private const int WarmUp = 32;   // past the JIT's tier-up call count (30)
    private const int Measured = 16;

    /// <summary>A layer, its input size, and an optional call to the fixed-size overloads.</summary>
    private sealed record Case(IConvLayer Layer, int Batch, int Height, int Width, Func<float[], float[], float[], float[], (Action Forward, Action Backward)>? Fixed = null);

    private static Case Make(string name, ConvPath path) => name switch
    {
        "single 3x3, run-time size" => new(new Single3x3Bias(1) { ExecutionPath = path }, 2, 9, 21),
        "single 1x2 no bias, run-time size" => new(new Single1x2NoBias(1) { ExecutionPath = path }, 1, 6, 8),
        "3 -> 4 channels, run-time size" => new(new Multi3To4(1) { ExecutionPath = path }, 2, 7, 13),
        "grouped 4 -> 6, run-time size" => new(new Grouped4To6(1) { ExecutionPath = path }, 1, 5, 11),
        "strided reflect-padded, run-time size" => new(new StridedReflect(1) { ExecutionPath = path }, 2, 9, 10),
        "depthwise dilated, run-time size" => new(new DepthwiseDilated(1) { ExecutionPath = path }, 1, 11, 12),
        "single 3x3, fixed 16x20" => FixedCase(new FixedSingle3x3(1) { ExecutionPath = path }, 16, 20),
        "3 -> 8 channels padded, fixed 12x17" => FixedCase(new FixedMulti3x3Padded(1) { ExecutionPath = path }, 12, 17),
        "LeNet C3 over output channels, fixed 14x14" => FixedCase(new FixedLeNetC3(1) { ExecutionPath = path }, 14, 14),
        "strided 16 channels over output channels, run-time size" => new(new StridedChannels16(1) { ExecutionPath = path }, 2, 9, 12),
        "Winograd 16 -> 16 padded, run-time size" => new(new WinogradPadded16(1) { ExecutionPath = path }, 2, 11, 14),
        "Winograd 16 -> 24, fixed 9x13" => FixedCase(new FixedWinograd16To24(1) { ExecutionPath = path }, 9, 13),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
    };

    private static Case FixedCase(FixedSingle3x3 layer, int h, int w) =>
        new(layer, 1, h, w, (x, y, dy, dx) => (() => layer.Forward(x, y), () => layer.Backward(x, dy, dx)));

    private static Case FixedCase(FixedMulti3x3Padded layer, int h, int w) =>
        new(layer, 1, h, w, (x, y, dy, dx) => (() => layer.Forward(x, y), () => layer.Backward(x, dy, dx)));

    private static Case FixedCase(FixedLeNetC3 layer, int h, int w) =>
        new(layer, 1, h, w, (x, y, dy, dx) => (() => layer.Forward(x, y), () => layer.Backward(x, dy, dx)));

    private static Case FixedCase(FixedWinograd16To24 layer, int h, int w) =>
        new(layer, 1, h, w, (x, y, dy, dx) => (() => layer.Forward(x, y), () => layer.Backward(x, dy, dx)));

    private static readonly string[] Names =
    [
        "single 3x3, run-time size", "single 1x2 no bias, run-time size", "3 -> 4 channels, run-time size",
        "grouped 4 -> 6, run-time size", "strided reflect-padded, run-time size", "depthwise dilated, run-time size",
        "single 3x3, fixed 16x20", "3 -> 8 channels padded, fixed 12x17",
        "LeNet C3 over output channels, fixed 14x14", "strided 16 channels over output channels, run-time size",
        "Winograd 16 -> 16 padded, run-time size", "Winograd 16 -> 24, fixed 9x13",
    ];

    public static TheoryData<string, ConvPath> Cases()
    {
        var data = new TheoryData<string, ConvPath>();
        foreach (var name in Names)
            foreach (var path in new[] { ConvPath.Auto, ConvPath.Vector512, ConvPath.Vector256, ConvPath.Vector128, ConvPath.Scalar })
                data.Add(name, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackwardAllocateNothing(string name, ConvPath path)
    {
        var c = Make(name, path);
        AssertNoAllocation(c);
    }

    [Theory]
    [InlineData("single_3x3_bias", "")]
    [InlineData("multi_3to4_3x3_bias_prefixed", "conv1.")]
    [InlineData("grouped_4to6_2x3_nobias_prefixed", "features.0.")]
    public void LoadedWeightsPathAllocatesNothing(string file, string prefix)
    {
        var layer = PyTorchFileTests.GeneratedFor(file);
        layer.LoadSafetensors(TestData.PyTorch(file + ".safetensors"), prefix);
        var io = ConvGen.Serialization.SafetensorsFile.Read(TestData.PyTorch(file + ".io.safetensors"));
        Assert.True(io.TryGetInfo("input", out var info));
        AssertNoAllocation(new Case(layer, (int)info.Shape[0], (int)info.Shape[2], (int)info.Shape[3]));
    }

    [Fact]
    public void TheMeasurementSeesAnAllocation()
    {
        // Guards the method: the same counter does report a small allocation made in the loop.
        long bytes = AllocatedBy(() => _ = new float[4]);
        Assert.True(bytes >= Measured * 16, $"saw {bytes} bytes");
    }

    private static void AssertNoAllocation(Case c)
    {
        var layer = c.Layer;
        int oh = layer.OutputHeight(c.Height), ow = layer.OutputWidth(c.Width);
        var x = Filled(c.Batch * layer.InChannels * c.Height * c.Width, 1);
        var y = new float[c.Batch * layer.OutChannels * oh * ow];
        var dy = Filled(y.Length, 2);
        var dx = new float[x.Length];
        int batch = c.Batch, h = c.Height, w = c.Width;

        // Delegates are made once, outside the measurement; calling them allocates nothing.
        Action forward = () => layer.Forward(x, y, batch, h, w);
        Action backward = () => layer.Backward(x, dy, dx, batch, h, w);
        Action backwardNoInputGrad = () => layer.Backward(x, dy, Span<float>.Empty, batch, h, w);
        Assert.Equal(0, AllocatedBy(forward));
        Assert.Equal(0, AllocatedBy(backward));
        Assert.Equal(0, AllocatedBy(backwardNoInputGrad));
        Assert.Contains(y, v => v != 0); // it really computed
        Assert.Contains(dx, v => v != 0);
        if (c.Fixed is { } makeFixed)
        {
            var (fixedForward, fixedBackward) = makeFixed(x, y, dy, dx);
            Assert.Equal(0, AllocatedBy(fixedForward));
            Assert.Equal(0, AllocatedBy(fixedBackward));
        }
    }

    /// <summary>Bytes allocated by <paramref name="action"/> over <see cref="Measured"/> calls after <see cref="WarmUp"/>.</summary>
    private static long AllocatedBy(Action action)
    {
        for (int i = 0; i < WarmUp; i++) action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Measured; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static float[] Filled(int n, int seed)
    {
        var r = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(r.NextDouble() * 2 - 1);
        return a;
    }
}
