using ConvGen.Deployment.Tests.Layers;
using ConvGen.Serialization;
using Xunit;

namespace ConvGen.Deployment.Tests;

/// <summary>
/// Files ConvGen writes load back in PyTorch: the files under Data/convgen are committed, this test
/// asserts the writer still produces them byte for byte, and
/// <c>/usr/bin/python3 tests/vectors/safetensors.py verify</c> loads them into <c>torch.nn.Conv2d</c>
/// (strict <c>load_state_dict</c>), checks the weights and compares PyTorch's forward with ConvGen's.
/// Set <c>CONVGEN_ACCEPT=1</c> to rewrite them after an intended format change (then re-run verify).
/// </summary>
public class ConvGenWrittenFileTests
{
    // Keep in step with WRITTEN in tests/vectors/safetensors.py.
    public static TheoryData<string, string> Files => new()
    {
        { "conv_3to2_3x3_bias", "conv." },
        { "conv_1x2_nobias", "" },
    };

    private static (IConvLayer Layer, int[] InputShape) Make(string stem) => stem switch
    {
        "conv_3to2_3x3_bias" => (WithFormula(new Conv3To2(0), (7, 13), (5, 3)), [1, 3, 5, 6]),
        "conv_1x2_nobias" => (WithFormula(new Single1x2NoBias(0), (1, 3), null), [1, 1, 6, 8]),
        _ => throw new ArgumentOutOfRangeException(nameof(stem), stem, "unknown file"),
    };

    /// <summary>Exact binary fractions ((i·a mod b) − b div 2) / 8, the same formula as the script's.</summary>
    private static float Formula(int i, int a, int b) => ((i * a) % b - b / 2) / 8f;

    private static IConvLayer WithFormula(IConvLayer layer, (int A, int B) w, (int A, int B)? b)
    {
        for (int i = 0; i < layer.Weight.Length; i++) layer.Weight[i] = Formula(i, w.A, w.B);
        if (b is { } bias)
            for (int i = 0; i < layer.Bias.Length; i++) layer.Bias[i] = Formula(i, bias.A, bias.B);
        return layer;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CommittedFileIsExactlyWhatConvGenWrites(string stem, string prefix)
    {
        var (layer, inputShape) = Make(stem);
        using var temp = new TestData.TempFile();
        layer.SaveSafetensors(temp.Path, prefix);
        byte[] written = File.ReadAllBytes(temp.Path);

        var input = new float[inputShape.Aggregate(1, (x, y) => x * y)];
        for (int i = 0; i < input.Length; i++) input[i] = ((i * 11) % 17 - 8) / 4f;
        var output = new float[inputShape[0] * layer.OutChannels * layer.OutputHeight(inputShape[2]) * layer.OutputWidth(inputShape[3])];
        layer.Forward(input, output, inputShape[0], inputShape[2], inputShape[3]);

        if (Environment.GetEnvironmentVariable("CONVGEN_ACCEPT") == "1")
        {
            Directory.CreateDirectory(TestData.SourceDir("convgen"));
            File.WriteAllBytes(Path.Combine(TestData.SourceDir("convgen"), stem + ".safetensors"), written);
            SafetensorsWriter.Write(Path.Combine(TestData.SourceDir("convgen"), stem + ".io.safetensors"),
                [new SafetensorsTensor("input", inputShape, input),
                 new SafetensorsTensor("output", [inputShape[0], layer.OutChannels, layer.OutputHeight(inputShape[2]), layer.OutputWidth(inputShape[3])], output)]);
        }

        string committed = Path.Combine(TestData.Dir("convgen"), stem + ".safetensors");
        Assert.True(File.Exists(committed), $"{committed} is missing; run the tests once with CONVGEN_ACCEPT=1, then tests/vectors/safetensors.py verify.");
        Assert.Equal(File.ReadAllBytes(committed), written);

        // The committed input/output pair is what PyTorch is checked against: it must still be this layer's.
        var io = SafetensorsFile.Read(Path.Combine(TestData.Dir("convgen"), stem + ".io.safetensors"));
        Assert.Equal(input, io.ReadFloat32("input"));
        float[] committedOutput = io.ReadFloat32("output");
        Assert.Equal(output.Length, committedOutput.Length);
        for (int i = 0; i < output.Length; i++)
            Assert.True(Math.Abs(output[i] - committedOutput[i]) <= 1e-5f + 1e-5f * Math.Abs(output[i]), $"output[{i}] {output[i]} vs committed {committedOutput[i]}");
    }
}
