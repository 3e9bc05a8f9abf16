using ConvGen.Reference;
using Xunit;

namespace ConvGen.Tests;

public class CorrelateTests
{
    [Fact]
    public void ChapterExample()
    {
        var y = Correlate.Correlate2D(new float[,] { { 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 } }, new float[,] { { 0, 1 }, { 2, 3 } });
        Assert.Equal(new float[,] { { 19, 25 }, { 37, 43 } }, y);
    }
}
