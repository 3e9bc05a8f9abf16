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

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadsAndReproducesPyTorchOutput(string name, string prefix)
    {
        var layer = new ReferenceLayer(SpecOf(name)).FillWith(1000f);
        layer.LoadSafetensors(TestData.PyTorch(name + ".safetensors"), prefix);

        var io = SafetensorsFile.Read(TestData.PyTorch(name + ".io.safetensors"));
        Assert.True(io.TryGetInfo("input", out var inputInfo));
        var shape = inputInfo.Shape.Select(d => (int)d).ToArray();
        float[] input = io.ReadFloat32("input");
        float[] expected = io.ReadFloat32("output");
        var output = new float[expected.Length];
        layer.Forward(input, output, shape[0], shape[2], shape[3]);

        // PyTorch accumulates in float, the reference in double: close, not equal.
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
        var head = new ReferenceLayer(new ConvSpec(1, 1, InChannels: 4, OutChannels: 1));
        head.LoadSafetensors(TestData.PyTorch("multi_3to4_3x3_bias_prefixed.safetensors"), "head.");
        var file = SafetensorsFile.Read(TestData.PyTorch("multi_3to4_3x3_bias_prefixed.safetensors"));
        Assert.Equal(file.ReadFloat32("head.weight"), head.Weight.ToArray());
        Assert.Equal(file.ReadFloat32("head.bias"), head.Bias.ToArray());
        Assert.All(head.Weight.ToArray(), w => Assert.InRange(w, -0.5f, 0.5f)); // PyTorch's init bound 1/sqrt(4)
    }

    [Fact]
    public void WholeModelFileWithoutPrefixNamesTheKeysItHas()
    {
        var layer = new ReferenceLayer(SpecOf("multi_3to4_3x3_bias_prefixed")).FillWith(7f);
        var before = TestData.Bits(layer.Weight);
        var e = Assert.Throws<InvalidDataException>(() => layer.LoadSafetensors(TestData.PyTorch("multi_3to4_3x3_bias_prefixed.safetensors")));
        Assert.Contains("no tensor 'weight'", e.Message);
        Assert.Contains("'conv1.weight'", e.Message);
        Assert.Equal(before, TestData.Bits(layer.Weight));
    }
}
