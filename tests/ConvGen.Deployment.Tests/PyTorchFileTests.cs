using ConvGen.Deployment.Tests.Layers;
using ConvGen.Reference;
using ConvGen.Serialization;
using Xunit;

namespace ConvGen.Deployment.Tests;

/// <summary>
/// Files written by real PyTorch (tests/vectors/safetensors.py) load into the matching layer and
/// reproduce PyTorch's outputs.
/// </summary>
public class PyTorchFileTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "single_3x3_bias", "" },
        { "single_1x2_nobias", "" },
        { "multi_3to4_3x3_bias_prefixed", "conv1." },
        { "grouped_4to6_2x3_nobias_prefixed", "features.0." },
    };

    internal static ConvSpec SpecOf(string name) => name switch
    {
        "single_3x3_bias" => new ConvSpec(3, 3),
        "single_1x2_nobias" => new ConvSpec(1, 2, HasBias: false),
        "multi_3to4_3x3_bias_prefixed" => new ConvSpec(3, 3, InChannels: 3, OutChannels: 4),
        "grouped_4to6_2x3_nobias_prefixed" => new ConvSpec(2, 3, InChannels: 4, OutChannels: 6, Groups: 2, HasBias: false),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
    };

    /// <summary>The generated layer for a case.</summary>
    internal static IConvLayer GeneratedFor(string name, ConvPath path = ConvPath.Auto) => name switch
    {
        "single_3x3_bias" => new Single3x3Bias(1) { ExecutionPath = path },
        "single_1x2_nobias" => new Single1x2NoBias(1) { ExecutionPath = path },
        "multi_3to4_3x3_bias_prefixed" => new Multi3To4(1) { ExecutionPath = path },
        "grouped_4to6_2x3_nobias_prefixed" => new Grouped4To6(1) { ExecutionPath = path },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
    };

    public static TheoryData<string, string, ConvPath> CasesOnEveryPath()
    {
        var data = new TheoryData<string, string, ConvPath>();
        foreach (var row in Cases)
        {
            var (name, prefix) = row.Data;
            foreach (var path in new[] { ConvPath.Vector512, ConvPath.Vector256, ConvPath.Vector128, ConvPath.Scalar })
                data.Add(name, prefix, path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesOnEveryPath))]
    public void GeneratedLayerLoadsAndReproducesPyTorchOutput(string name, string prefix, ConvPath path)
    {
        var layer = GeneratedFor(name, path);
        layer.LoadSafetensors(TestData.PyTorch(name + ".safetensors"), prefix);
        AssertReproduces(layer, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReferenceLayerLoadsAndReproducesPyTorchOutput(string name, string prefix)
    {
        var layer = new ReferenceLayer(SpecOf(name)).FillWith(1000f);
        layer.LoadSafetensors(TestData.PyTorch(name + ".safetensors"), prefix);
        AssertReproduces(layer, name);
    }

    private static void AssertReproduces(IConvLayer layer, string name)
    {
        var io = SafetensorsFile.Read(TestData.PyTorch(name + ".io.safetensors"));
        Assert.True(io.TryGetInfo("input", out var inputInfo));
        var shape = inputInfo.Shape.Select(d => (int)d).ToArray();
        float[] input = io.ReadFloat32("input");
        float[] expected = io.ReadFloat32("output");
        var output = new float[expected.Length];
        layer.Forward(input, output, shape[0], shape[2], shape[3]);

        // PyTorch sums in its own order, ConvGen in its canonical FMA chain (the reference in double): close, not equal.
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(output[i] - expected[i]) <= 1e-5f + 1e-5f * Math.Abs(expected[i]),
                $"{name}: output[{i}] = {output[i]}, PyTorch gave {expected[i]}");
    }

    [Fact]
    public void PyTorchFilesCarryTheirMetadata()
    {
        var file = SafetensorsFile.Read(TestData.PyTorch("single_3x3_bias.safetensors"));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(["bias", "weight"], file.Tensors.Select(t => t.Name).Order());
    }

    [Fact]
    public void SecondLayerOfTheSameModelFileLoadsByItsPrefix()
    {
        // The model's 1x1 "head" after conv1 (4 -> 1 channels): its bias is the file's one float.
        var head = new Head4To1(5);
        head.LoadSafetensors(TestData.PyTorch("multi_3to4_3x3_bias_prefixed.safetensors"), "head.");
        var file = SafetensorsFile.Read(TestData.PyTorch("multi_3to4_3x3_bias_prefixed.safetensors"));
        Assert.Equal(file.ReadFloat32("head.weight"), head.Weight.ToArray());
        Assert.Equal(file.ReadFloat32("head.bias"), head.Bias.ToArray());
        Assert.All(head.Weight.ToArray(), w => Assert.InRange(w, -0.5f, 0.5f)); // PyTorch's init bound 1/sqrt(4)
    }

    [Fact]
    public void WholeModelFileWithoutPrefixNamesTheKeysItHas()
    {
        var layer = new Multi3To4(7);
        var before = TestData.Bits(layer.Weight);
        var e = Assert.Throws<InvalidDataException>(() => layer.LoadSafetensors(TestData.PyTorch("multi_3to4_3x3_bias_prefixed.safetensors")));
        Assert.Contains("no tensor 'weight'", e.Message);
        Assert.Contains("'conv1.weight'", e.Message);
        Assert.Equal(before, TestData.Bits(layer.Weight));
    }
}
