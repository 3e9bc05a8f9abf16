using System.Runtime.InteropServices;
using System.Text.Json;
using ConvGen.Reference;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// Reads <c>Data/conv2d_sweep.json</c> (written by tests/vectors/conv2d_sweep.py): each tensor is a base64
/// string of little-endian float32 values in PyTorch's contiguous layout, so the floats are PyTorch's bits.
/// </summary>
internal static class SweepData
{
    private static readonly Lazy<IReadOnlyDictionary<string, SweepCase>> Shared = new(() =>
        Load(Path.Combine(AppContext.BaseDirectory, "Data", "conv2d_sweep.json")).ToDictionary(c => c.Name));

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, SweepCase> Cases => Shared.Value;

    public static IReadOnlyList<SweepCase> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(Parse)];
    }

    private static SweepCase Parse(JsonElement c)
    {
        int I(string name) => c.GetProperty(name).GetInt32();
        float[] T(string name) => Floats(c.GetProperty("tensors").GetProperty(name).GetString()!);
        var spec = new ConvSpec(
            I("kernel_height"), I("kernel_width"), I("in_channels"), I("out_channels"),
            I("stride_height"), I("stride_width"),
            I("pad_top"), I("pad_bottom"), I("pad_left"), I("pad_right"),
            I("dilation_height"), I("dilation_width"), I("groups"), c.GetProperty("bias").GetBoolean(),
            c.GetProperty("padding_mode").GetString() switch
            {
                "zeros" => PaddingMode.Zeros,
                "reflect" => PaddingMode.Reflect,
                "replicate" => PaddingMode.Replicate,
                "circular" => PaddingMode.Circular,
                var other => throw new InvalidDataException($"unknown padding_mode '{other}'"),
            });
        return new SweepCase
        {
            Name = c.GetProperty("name").GetString()!,
            Family = c.GetProperty("family").GetString()!,
            Features = [.. c.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)],
            Attribute = c.GetProperty("attribute").GetString()!,
            Spec = spec,
            FixedInput = c.GetProperty("fixed_input").GetBoolean(),
            Batch = I("batch"), Height = I("height"), Width = I("width"),
            OutHeight = I("out_height"), OutWidth = I("out_width"),
            Input = T("input"), Weight = T("weight"), Bias = T("bias"), Output = T("output"),
            OutputGrad = T("output_grad"), InputGrad = T("input_grad"), WeightGrad = T("weight_grad"), BiasGrad = T("bias_grad"),
        };
    }

    private static float[] Floats(string base64)
    {
        byte[] bytes = Convert.FromBase64String(base64);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the sweep's tensors are little-endian float32");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
