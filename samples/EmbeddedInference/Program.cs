using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using ConvGen;
using ConvGen.Internal;
using ConvGen.Serialization;
using EmbeddedInference;

// Reads a layer's weights and an input tensor from safetensors files, runs the layer (optionally many
// times, timing it and counting managed allocations), and writes the output as safetensors.
if (!Options.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

try
{
    return Run(options);
}
catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static int Run(Options o)
{
    var layer = new DeployedLayer(0);
    layer.LoadSafetensors(o.Weights!, o.Prefix);

    var inputFile = SafetensorsFile.Read(o.Input!);
    if (!inputFile.TryGetInfo("input", out var info) || info.Shape.Count != 4)
        throw new InvalidDataException($"{o.Input}: expected a tensor 'input' of shape [N, {layer.InChannels}, H, W].");
    int n = (int)info.Shape[0], h = (int)info.Shape[2], w = (int)info.Shape[3];
    int[] inputShape = [n, layer.InChannels, h, w];
    var input = new float[n * layer.InChannels * h * w];
    inputFile.ReadFloat32("input", inputShape, input);   // checks dtype and shape (channels included)

    int oh = layer.OutputHeight(h), ow = layer.OutputWidth(w);
    var output = new float[n * layer.OutChannels * oh * ow];

    Console.WriteLine($"Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated}, Vector128.IsHardwareAccelerated={Vector128.IsHardwareAccelerated}, path {Paths.Resolve(ConvPath.Auto)}");
    Console.WriteLine($"layer {layer.InChannels}->{layer.OutChannels} channels, kernel {layer.KernelHeight}x{layer.KernelWidth}; input [{n}, {layer.InChannels}, {h}, {w}] -> output [{n}, {layer.OutChannels}, {oh}, {ow}]");

    layer.Forward(input, output, n, h, w);   // first call sizes the layer's scratch buffers
    if (o.Repeat > 1)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < o.Repeat; i++)
            layer.Forward(input, output, n, h, w);
        long ticks = Stopwatch.GetTimestamp() - start;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double microseconds = ticks * 1e6 / Stopwatch.Frequency / o.Repeat;
        double flops = 2.0 * output.Length * layer.InChannels / layer.Groups * layer.KernelHeight * layer.KernelWidth;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{o.Repeat} runs: {microseconds:F3} us per forward ({flops / microseconds / 1e3:F2} GFLOP/s), {allocated} bytes allocated in the loop"));
    }

    if (o.Output is { } path)
    {
        SafetensorsWriter.Write(path, [new SafetensorsTensor("output", [n, layer.OutChannels, oh, ow], output)]);
        Console.WriteLine($"wrote {path}");
    }
    if (o.Expected is { } expectedPath)
    {
        var expected = new float[output.Length];
        SafetensorsFile.Read(expectedPath).ReadFloat32("output", [n, layer.OutChannels, oh, ow], expected);
        float maxDiff = 0;
        for (int i = 0; i < output.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(output[i] - expected[i]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |output - expected| = {maxDiff:G3}"));
        if (maxDiff > 1e-4f) return 3;
    }
    return 0;
}
