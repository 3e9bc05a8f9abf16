using ConvGen.Reference;
using ConvGen.Serialization;
using Xunit;

namespace ConvGen.Deployment.Tests;

/// <summary>
/// Every kind of bad file gives an <see cref="InvalidDataException"/> that says what was expected and
/// what was found, and leaves the layer's weights and bias exactly as they were.
/// </summary>
public class BadFileTests
{
    // A 1x2 layer with bias: weight [1, 1, 1, 2], bias [1].
    private const string Good = """{"bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"weight":{"dtype":"F32","shape":[1,1,1,2],"data_offsets":[4,12]}}""";
    private static readonly byte[] GoodData = TestData.Bytes(0.5f, 1f, -1f);

    private static byte[] Edit(string from, string to) => TestData.Craft(Good.Replace(from, to), GoodData);

    /// <summary>name → (file bytes, a fragment the message must contain).</summary>
    private static readonly Dictionary<string, (Func<byte[]> Bytes, string Message)> Bad = new()
    {
        ["shorter than 8 bytes"] = (() => [1, 2, 3], "has 3 bytes"),
        ["header larger than the file"] = (() => TestData.Craft(Good, GoodData, lengthField: 10_000), "header length is 10000 bytes but only"),
        ["header length near 2^64"] = (() => TestData.Craft(Good, GoodData, lengthField: ulong.MaxValue), "header larger than the file"),
        ["truncated data"] = (() => TestData.Craft(Good, GoodData)[..^3], "go past the data section's 9 bytes"),
        ["truncated inside the header"] = (() => TestData.Craft(Good, GoodData)[..40], "header larger than the file"),
        ["trailing unindexed bytes"] = (() => TestData.Craft(Good, [.. GoodData, 0, 0, 0, 0]), "cover 12 bytes but the data section has 16"),
        ["offsets past the end"] = (() => Edit("[4,12]", "[8,16]").Concat(new byte[0]).ToArray(), "go past the data section's 12 bytes"),
        ["offsets overlap"] = (() => TestData.Craft(Good.Replace("[0,4]", "[4,8]").Replace("[4,12]", "[0,8]"), GoodData[..8]), "overlaps"),
        ["offsets leave a hole"] = (() => TestData.Craft(Good.Replace("[0,4]", "[8,12]").Replace("[4,12]", "[12,20]"), [.. GoodData, 0, 0, 0, 0, 0, 0, 0, 0]), "belong to no tensor"),
        ["offsets span the wrong size"] = (() => Edit("[4,12]", "[4,8]"), "needs 8 bytes; data_offsets [4, 8] span 4"),
        ["offsets reversed"] = (() => Edit("[4,12]", "[12,4]"), "end before they begin"),
        ["three offsets"] = (() => Edit("[4,12]", "[4,8,12]"), "must hold 2 numbers"),
        ["negative shape"] = (() => Edit("[1,1,1,2]", "[1,1,-1,2]"), "non-negative integers; got -1"),
        ["fractional shape"] = (() => Edit("[1,1,1,2]", "[1,1,1,2.5]"), "got 2.5"),
        ["huge shape"] = (() => Edit("[1,1,1,2]", "[4294967296,4294967296,4294967296,2]"), "is too large"),
        ["unknown dtype"] = (() => Edit("\"F32\",\"shape\":[1,1", "\"F31\",\"shape\":[1,1"), "unknown dtype 'F31'"),
        ["dtype not a string"] = (() => Edit("\"F32\",\"shape\":[1,1", "32,\"shape\":[1,1"), "dtype must be a string"),
        ["missing data_offsets"] = (() => Edit(",\"data_offsets\":[4,12]", ""), "missing data_offsets"),
        ["unexpected field"] = (() => Edit("\"data_offsets\":[4,12]", "\"data_offsets\":[4,12],\"extra\":1"), "unexpected field 'extra'"),
        ["duplicate field"] = (() => Edit("\"data_offsets\":[4,12]", "\"data_offsets\":[4,12],\"dtype\":\"F32\""), "'dtype' appears twice"),
        ["duplicate tensor"] = (() => TestData.Craft(Good.TrimEnd('}') + "},\"bias\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[12,12]}}", GoodData), "names tensor 'bias' twice"),
        ["not JSON"] = (() => TestData.Craft("not json at all", GoodData), "not valid JSON"),
        ["JSON array"] = (() => TestData.Craft("[1,2]", GoodData), "must be a JSON object"),
        ["JSON cut short"] = (() => TestData.Craft(Good[..^2], GoodData), "not valid JSON"),
        ["content after the object"] = (() => TestData.Craft(Good + " {}", GoodData), "not valid JSON"),
        ["comment in the header"] = (() => TestData.Craft("/*x*/" + Good, GoodData), "not valid JSON"),
        ["invalid UTF-8 in a name"] = (() => Patch(TestData.Craft(Good.Replace("\"bias\":{", "\"bi~s\":{"), GoodData), (byte)'~', 0xFF), "header"),
        ["metadata not strings"] = (() => TestData.Craft("{\"__metadata__\":{\"epoch\":3}," + Good[1..], GoodData), "metadata 'epoch' must be a string"),
        ["tensor not an object"] = (() => TestData.Craft("{\"x\":5," + Good[1..], GoodData), "tensor 'x': expected an object"),
        ["deeply nested"] = (() => TestData.Craft("{\"x\":" + new string('[', 100) + new string(']', 100) + "}", []), "tensor 'x': expected an object"),
        // Well-formed files that do not match the layer.
        ["weight missing"] = (() => Edit("\"weight\"", "\"weights\""), "no tensor 'weight'; the file has 'bias', 'weights'"),
        ["bias missing"] = (() => TestData.Craft("""{"weight":{"dtype":"F32","shape":[1,1,1,2],"data_offsets":[0,8]}}""", GoodData[4..]), "no tensor 'bias'"),
        ["weight shape transposed"] = (() => Edit("[1,1,1,2]", "[1,1,2,1]"), "expected shape [1, 1, 1, 2]; got [1, 1, 2, 1]"),
        ["weight shape flat"] = (() => Edit("[1,1,1,2]", "[2]"), "expected shape [1, 1, 1, 2]; got [2]"),
        ["bias shape"] = (() => Edit("\"shape\":[1],", "\"shape\":[1,1],"), "tensor 'bias': expected shape [1]; got [1, 1]"),
        ["weight F16"] = (() => TestData.Craft(Good.Replace("\"F32\",\"shape\":[1,1,1,2],\"data_offsets\":[4,12]", "\"F16\",\"shape\":[1,1,1,2],\"data_offsets\":[4,8]"), GoodData[..8]), "expected dtype F32; got F16"),
        ["bias I32"] = (() => Edit("\"F32\",\"shape\":[1]", "\"I32\",\"shape\":[1]"), "tensor 'bias': expected dtype F32; got I32"),
    };

    public static TheoryData<string> Names => new(Bad.Keys);

    private static byte[] Patch(byte[] bytes, byte from, byte to)
    {
        int i = Array.IndexOf(bytes, from);
        bytes[i] = to;
        return bytes;
    }

    private static ReferenceLayer NewLayer() => new ReferenceLayer(new ConvSpec(1, 2)).FillWith(42f);

    [Fact]
    public void TheGoodFileLoads()
    {
        // Guards the table: each bad case differs from a file that really does load.
        var layer = NewLayer();
        layer.LoadSafetensors(SafetensorsFile.Parse(TestData.Craft(Good, GoodData)));
        Assert.Equal([1f, -1f], layer.Weight.ToArray());
        Assert.Equal([0.5f], layer.Bias.ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BadFileThrowsAndChangesNothing(string name)
    {
        var (bytes, message) = Bad[name];
        var layer = NewLayer();
        var weight = TestData.Bits(layer.Weight);
        var bias = TestData.Bits(layer.Bias);
        using var temp = new TestData.TempFile();
        File.WriteAllBytes(temp.Path, bytes());

        var e = Assert.Throws<InvalidDataException>(() => layer.LoadSafetensors(temp.Path));

        Assert.Contains(message, e.Message);
        Assert.Contains(temp.Path, e.Message); // says which file
        Assert.Equal(weight, TestData.Bits(layer.Weight));
        Assert.Equal(bias, TestData.Bits(layer.Bias));
    }

    [Fact]
    public void GoodWeightWithBadBiasLeavesTheWeightUntouched()
    {
        // The weight tensor alone would load: a loader copying as it checks would change it.
        var layer = NewLayer();
        var before = TestData.Bits(layer.Weight);
        var file = SafetensorsFile.Parse(Edit("\"shape\":[1],", "\"shape\":[1,1],"));
        Assert.Throws<InvalidDataException>(() => layer.LoadSafetensors(file));
        Assert.Equal(before, TestData.Bits(layer.Weight));
    }

    [Fact]
    public void BiasInTheFileButNotInTheLayerIsRefused()
    {
        var layer = new ReferenceLayer(new ConvSpec(1, 2, HasBias: false)).FillWith(5f);
        var before = TestData.Bits(layer.Weight);
        var e = Assert.Throws<InvalidDataException>(() => layer.LoadSafetensors(SafetensorsFile.Parse(TestData.Craft(Good, GoodData))));
        Assert.Contains("has 'bias' [1] but layer ReferenceLayer has no bias", e.Message);
        Assert.Equal(before, TestData.Bits(layer.Weight));
    }

    [Fact]
    public void MissingFileIsAnIOErrorAndChangesNothing()
    {
        var layer = NewLayer();
        var before = TestData.Bits(layer.Weight);
        Assert.Throws<FileNotFoundException>(() => layer.LoadSafetensors(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.safetensors")));
        Assert.Equal(before, TestData.Bits(layer.Weight));
    }

    [Fact]
    public void DestinationOfTheWrongLengthIsAnArgumentError()
    {
        var file = SafetensorsFile.Parse(TestData.Craft(Good, GoodData));
        var destination = new float[3];
        var e = Assert.Throws<ArgumentException>(() => file.ReadFloat32("weight", [1, 1, 1, 2], destination));
        Assert.Contains("has 2 elements; the destination has 3", e.Message);
        Assert.Equal(new float[3], destination);
    }
}
