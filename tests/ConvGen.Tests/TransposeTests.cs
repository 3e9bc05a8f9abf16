using ConvGen.Internal;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The transpose behind the channel-vectorised forward pass (weights to channel-last, the output back to
/// planes) and the transposed add of the weight gradient, against their definitions: 8 x 8 blocks and their row and column tails, and too-short spans.
/// </summary>
public class TransposeTests
{
    [Theory]
    [InlineData(16, 150)] // LeNet C3's weights: 16 channels x 6 · 25 taps
    [InlineData(100, 16)] // its output, channel-last to planes
    [InlineData(8, 8)]
    [InlineData(9, 17)]
    [InlineData(7, 13)]
    [InlineData(24, 31)]
    [InlineData(1, 5)]
    [InlineData(5, 1)]
    [InlineData(0, 3)]
    public void MatchesTheDefinition(int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns);
        var source = new float[rows * columns];
        for (int i = 0; i < source.Length; i++) source[i] = (float)random.NextDouble() - 0.5f;
        var destination = new float[source.Length + 3];
        destination.AsSpan(source.Length).Fill(42f);
        Transpose.Matrix(source, rows, columns, destination);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Assert.Equal(source[r * columns + c], destination[c * rows + r]);
        Assert.All(destination[source.Length..], v => Assert.Equal(42f, v)); // nothing written past rows · columns
    }

    [Theory]
    [InlineData(150, 16)] // LeNet C3's weight gradient, channel-last back to [out, in, kh, kw]
    [InlineData(8, 8)]
    [InlineData(9, 17)]
    [InlineData(7, 13)]
    [InlineData(24, 31)]
    [InlineData(1, 5)]
    [InlineData(0, 3)]
    public void AddMatrixAddsTheTransposeIntoTheDestination(int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns + 7);
        var source = new float[rows * columns];
        for (int i = 0; i < source.Length; i++) source[i] = (float)random.NextDouble() - 0.5f;
        var before = new float[source.Length + 3];
        for (int i = 0; i < source.Length; i++) before[i] = (float)random.NextDouble() * 4f - 2f;
        before.AsSpan(source.Length).Fill(42f);
        var destination = (float[])before.Clone();
        Transpose.AddMatrix(source, rows, columns, destination);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Assert.Equal(before[c * rows + r] + source[r * columns + c], destination[c * rows + r]); // one float addition, bit for bit
        Assert.All(destination[source.Length..], v => Assert.Equal(42f, v));
    }

    [Fact]
    public void ShortSpansThrowAndWriteNothing()
    {
        var destination = new float[12];
        var error = Assert.Throws<ArgumentException>(() => Transpose.Matrix(new float[11], 3, 4, destination));
        Assert.Contains("12", error.Message);
        Assert.Contains("11", error.Message);
        Assert.Throws<ArgumentException>(() => Transpose.Matrix(new float[12], 3, 4, new float[11]));
        var added = Assert.Throws<ArgumentException>(() => Transpose.AddMatrix(new float[11], 3, 4, destination));
        Assert.Contains("12", added.Message);
        Assert.Contains("11", added.Message);
        Assert.All(destination, v => Assert.Equal(0f, v));
    }
}
