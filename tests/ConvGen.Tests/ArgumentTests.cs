using ConvGen.Tests.Layers;
using Xunit;

namespace ConvGen.Tests;

/// <summary>Bad calls throw ArgumentException naming expected and actual sizes, and write nothing.</summary>
public class ArgumentTests
{
    private const float Sentinel = 12345.678f;

    private static float[] Filled(int n) => Enumerable.Repeat(Sentinel, n).ToArray();

    private static void AssertUntouched(float[] data, string what) =>
        Assert.All(data, v => Assert.Equal(Sentinel, v));

    [Theory]
    [InlineData(47, 42, "input has 47 elements; expected 48")]
    [InlineData(49, 42, "input has 49 elements; expected 48")]
    [InlineData(48, 41, "output has 41 elements; expected 42")]
    [InlineData(48, 43, "output has 43 elements; expected 42")]
    [InlineData(0, 42, "input has 0 elements; expected 48")]
    public void WrongSpanLengthsThrowAndWriteNothing(int inputLength, int outputLength, string message)
    {
        var layer = new K1x2NoBias(1);
        var input = new float[inputLength];
        var output = Filled(outputLength);
        var ex = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(input, output, 1, 6, 8));
        Assert.Contains(message, ex.Message);
        AssertUntouched(output, "output");
    }

    [Theory]
    [InlineData(0, 6, 8, "batch must be at least 1; got 0")]
    [InlineData(1, 0, 8, "height must be at least 1; got 0")]
    [InlineData(1, 6, -3, "width must be at least 1; got -3")]
    [InlineData(1, 2, 8, "input height 2 is smaller than the kernel needs: expected at least 3")]
    [InlineData(1, 6, 2, "input width 2 is smaller than the kernel needs: expected at least 3")]
    public void BadSizesThrowAndWriteNothing(int batch, int height, int width, string message)
    {
        var layer = new K3x3(1);
        var output = Filled(64);
        var inputGrad = Filled(64);
        var ex = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new float[64], output, batch, height, width));
        Assert.Contains(message, ex.Message);
        var weightGrad = layer.WeightGrad.ToArray();
        ex = Assert.ThrowsAny<ArgumentException>(() => layer.Backward(new float[64], new float[64], inputGrad, batch, height, width));
        Assert.Contains(message, ex.Message);
        AssertUntouched(output, "output");
        AssertUntouched(inputGrad, "inputGrad");
        Assert.Equal(weightGrad, layer.WeightGrad.ToArray());
    }

    [Theory]
    [InlineData(79, 48, 80, "input has 79 elements; expected 80")]
    [InlineData(80, 47, 80, "outputGrad has 47 elements; expected 48")]
    [InlineData(80, 48, 81, "inputGrad has 81 elements; expected 80")]
    public void BackwardChecksEverySpan(int inputLength, int outputGradLength, int inputGradLength, string message)
    {
        var layer = new K3x3(1);
        var inputGrad = Filled(inputGradLength);
        var before = (layer.WeightGrad.ToArray(), layer.BiasGrad.ToArray());
        var ex = Assert.ThrowsAny<ArgumentException>(() =>
            layer.Backward(new float[inputLength], new float[outputGradLength], inputGrad, 1, 8, 10));
        Assert.Contains(message, ex.Message);
        AssertUntouched(inputGrad, "inputGrad");
        Assert.Equal(before.Item1, layer.WeightGrad.ToArray());
        Assert.Equal(before.Item2, layer.BiasGrad.ToArray());
    }

    [Fact]
    public void MessagesNameTheLayerAndTheShape()
    {
        var layer = new C3to2K3x3(1);
        var ex = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new float[10], new float[2 * 3 * 3], 1, 5, 5));
        Assert.Contains("C3to2K3x3", ex.Message);
        Assert.Contains("expected 75 = batch 1 x channels 3 x height 5 x width 5", ex.Message);
    }

    [Fact]
    public void FixedSizeLayerRejectsOtherSizes()
    {
        var layer = new Fixed9x13(1);
        var ex = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new float[2 * 9 * 12], new float[3 * 9 * 12], 1, 9, 12));
        Assert.Contains("declared for input 9x13", ex.Message);
        Assert.Contains("got 9x12", ex.Message);
    }

    [Fact]
    public void ReflectPaddingNeedsAnInputLargerThanThePadding()
    {
        var layer = new ReflectPad(1); // padding 2: PyTorch needs at least 3 rows and columns
        var output = Filled(2 * 4);
        var ex = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new float[2 * 4], output, 1, 2, 4));
        Assert.Contains("reflect padding of 2 needs an input height of at least 3; got 2", ex.Message);
        AssertUntouched(output, "output");
    }

    [Fact]
    public void OutputSizeOfTooSmallInputThrows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new K5x5(1).OutputWidth(4));
        Assert.Contains("must be at least 5; got 4", ex.Message);
    }

    [Fact]
    public void UnknownPathThrowsBeforeWriting()
    {
        var layer = new K3x3(1) { ExecutionPath = (ConvPath)42 };
        var output = Filled(3 * 3);
        Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new float[25], output, 1, 5, 5));
        AssertUntouched(output, "output");
    }
}
