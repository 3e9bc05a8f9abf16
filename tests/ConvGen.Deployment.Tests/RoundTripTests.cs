using System.Buffers.Binary;
using System.Text;
using ConvGen.Reference;
using ConvGen.Serialization;
using Xunit;

namespace ConvGen.Deployment.Tests;

/// <summary>What ConvGen writes, ConvGen reads back bit for bit, and the bytes follow the format.</summary>
public class RoundTripTests
{
    public static TheoryData<int, int, int, int, int, bool, string> Layers => new()
    {
        { 1, 1, 1, 2, 1, false, "" },
        { 1, 1, 3, 3, 1, true, "" },
        { 3, 4, 3, 3, 1, true, "conv1." },
        { 4, 6, 2, 3, 2, false, "features.0." },
        { 8, 8, 5, 1, 8, true, "depthwise." },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void SaveThenLoadGivesTheSameBits(int inC, int outC, int kh, int kw, int groups, bool bias, string prefix)
    {
        var spec = new ConvSpec(kh, kw, InChannels: inC, OutChannels: outC, Groups: groups, HasBias: bias);
        var source = new ReferenceLayer(spec);
        var random = new Random(inC * 100 + kh * 10 + kw);
        for (int i = 0; i < source.Weight.Length; i++) source.Weight[i] = (float)(random.NextDouble() * 2 - 1);
        for (int i = 0; i < source.Bias.Length; i++) source.Bias[i] = (float)(random.NextDouble() * 2 - 1);
        source.Weight[0] = -0f; // sign of zero survives too

        using var temp = new TestData.TempFile();
        source.SaveSafetensors(temp.Path, prefix);
        var target = new ReferenceLayer(spec).FillWith(99f);
        target.LoadSafetensors(temp.Path, prefix);

        Assert.Equal(TestData.Bits(source.Weight), TestData.Bits(target.Weight));
        Assert.Equal(TestData.Bits(source.Bias), TestData.Bits(target.Bias));
        var file = SafetensorsFile.Read(temp.Path);
        Assert.Equal(bias ? [prefix + "bias", prefix + "weight"] : new[] { prefix + "weight" }, file.Tensors.Select(t => t.Name).Order());
        Assert.Equal(new long[] { outC, inC / groups, kh, kw }, file.Tensors.Single(t => t.Name == prefix + "weight").Shape);
    }

    [Fact]
    public void BytesFollowTheFormat()
    {
        var bytes = SafetensorsWriter.Serialize([new SafetensorsTensor("a", [2], new float[] { 1.5f, -2f })], new Dictionary<string, string> { ["k"] = "v" });
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.Equal(0, (8 + (int)n) % 8); // data 8-byte aligned
        Assert.Equal("""{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", header.TrimEnd(' '));
        Assert.Equal(TestData.Bytes(1.5f, -2f), bytes[(8 + (int)n)..]);
    }

    [Fact]
    public void MetadataScalarsAndEmptyTensorsRoundTrip()
    {
        var meta = new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "ünïcode \"quoted\"" };
        var bytes = SafetensorsWriter.Serialize(
            [new SafetensorsTensor("scalar", [], new float[] { 4.25f }), new SafetensorsTensor("empty", [0, 3], Array.Empty<float>()), new SafetensorsTensor("v", [3], new float[] { 1, 2, 3 })],
            meta);
        var file = SafetensorsFile.Parse(bytes);
        Assert.Equal(meta, file.Metadata);
        Assert.Equal([4.25f], file.ReadFloat32("scalar"));
        Assert.Empty(file.ReadFloat32("empty"));
        Assert.Equal([1f, 2f, 3f], file.ReadFloat32("v"));
        Assert.Empty(file.TryGetInfo("scalar", out var s) ? s.Shape : [1L]);
    }

    [Fact]
    public void WriterIsDeterministic()
    {
        var layer = new ReferenceLayer(new ConvSpec(3, 3, InChannels: 2, OutChannels: 2)).FillWith(0.5f);
        Assert.Equal(SafetensorsWriter.Serialize(layer.ToSafetensors("x.")), SafetensorsWriter.Serialize(layer.ToSafetensors("x.")));
    }

    [Fact]
    public void ReaderAcceptsOtherDtypesAndAnyDataOrder()
    {
        // Like a BatchNorm's I64 num_batches_tracked sitting next to F32 weights, data stored in reverse name order.
        var data = new byte[8 + 8];
        BitConverter.TryWriteBytes(data.AsSpan(0, 8), 42L);
        TestData.Bytes(0.25f, 0.75f).CopyTo(data, 8);
        var file = SafetensorsFile.Parse(TestData.Craft(
            """{"weight":{"dtype":"F32","shape":[1,1,1,2],"data_offsets":[8,16]},"bn.num_batches_tracked":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}""", data));
        Assert.Equal(42L, BitConverter.ToInt64(file.GetBytes("bn.num_batches_tracked").Span));
        var layer = new ReferenceLayer(new ConvSpec(1, 2, HasBias: false));
        layer.LoadSafetensors(file, "");
        Assert.Equal([0.25f, 0.75f], layer.Weight.ToArray());
        Assert.Throws<InvalidDataException>(() => file.ReadFloat32("bn.num_batches_tracked"));
    }

    [Fact]
    public void SaveReplacesAnExistingFileWholly()
    {
        using var temp = new TestData.TempFile();
        File.WriteAllBytes(temp.Path, new byte[10_000]);
        var layer = new ReferenceLayer(new ConvSpec(1, 2)).FillWith(3f);
        layer.SaveSafetensors(temp.Path);
        Assert.Equal(SafetensorsWriter.Serialize(layer.ToSafetensors()), File.ReadAllBytes(temp.Path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(temp.Path)!, $".{Path.GetFileName(temp.Path)}*.tmp"));
    }

    [Fact]
    public void WriterRejectsBadEntries()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new SafetensorsTensor("w", [2, 3], new float[5]));
        Assert.Contains("[2, 3] holds 6 elements; the data has 5", e1.Message);
        Assert.Throws<ArgumentException>(() => new SafetensorsTensor("", [1], new float[1]));
        Assert.Throws<ArgumentException>(() => new SafetensorsTensor("__metadata__", [1], new float[1]));
        Assert.Throws<ArgumentException>(() => new SafetensorsTensor("w", [-1], new float[0]));
        var e2 = Assert.Throws<ArgumentException>(() => SafetensorsWriter.Serialize([new("w", [1], new float[1]), new("w", [1], new float[1])]));
        Assert.Contains("'w' appears twice", e2.Message);
    }
}
