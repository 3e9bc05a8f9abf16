using ConvGen.Internal;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The Winograd weight transforms and the weight gradient's way back, against their definitions computed here in
/// double precision with plain matrix products: U = G g Gᵀ in <c>[ξ][in][out]</c>, G rot180(g) Gᵀ in <c>[ξ][out][in]</c>,
/// and dW += Gᵀ dU G. They work through blocks of 64 kernels, so the channel counts cover one block, a block and a
/// tail, and blocks that start in the middle of a row of the destination; nothing past the matrices is written.
/// </summary>
public class WinogradTransformTests
{
    private static readonly double[,] G = { { 1, 0, 0 }, { 0.5, 0.5, 0.5 }, { 0.5, -0.5, 0.5 }, { 0, 0, 1 } };

    // A few float roundings of values below 3 in magnitude.
    private const double Tolerance = 2e-6;

    [Theory]
    [InlineData(64, 64)] // S6: 64 blocks
    [InlineData(5, 7)] // one short block
    [InlineData(9, 11)] // a block and a tail of 35
    [InlineData(24, 16)] // blocks starting mid-row in [in][out]
    [InlineData(1, 1)]
    public void WeightTransformsAreGgGtInTheirLayouts(int outChannels, int inChannels)
    {
        int pairs = outChannels * inChannels;
        var weight = Tensors.Random(pairs * 9, pairs);
        var forward = Guarded(16 * pairs);
        var turned = Guarded(16 * pairs);
        WinogradF23.TransformWeights(weight, outChannels, inChannels, forward);
        WinogradF23.TransformWeightsForInputGradient(weight, outChannels, inChannels, turned);
        for (int o = 0; o < outChannels; o++)
            for (int k = 0; k < inChannels; k++)
            {
                var g = new double[3, 3];
                var rotated = new double[3, 3];
                for (int r = 0; r < 3; r++)
                    for (int c = 0; c < 3; c++)
                    {
                        g[r, c] = weight[(o * inChannels + k) * 9 + 3 * r + c];
                        rotated[2 - r, 2 - c] = g[r, c];
                    }
                var u = Sandwich(G, g);
                var v = Sandwich(G, rotated);
                for (int xi = 0; xi < 16; xi++)
                {
                    Assert.True(Math.Abs(forward[xi * pairs + k * outChannels + o] - u[xi / 4, xi % 4]) <= Tolerance, $"U[{xi}] of kernel ({o}, {k})");
                    Assert.True(Math.Abs(turned[xi * pairs + o * inChannels + k] - v[xi / 4, xi % 4]) <= Tolerance, $"turned U[{xi}] of kernel ({o}, {k})");
                }
            }
        AssertGuardsKept(forward, 16 * pairs);
        AssertGuardsKept(turned, 16 * pairs);
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(5, 7)]
    [InlineData(9, 11)]
    [InlineData(24, 16)]
    public void WeightGradientIsGtDuGAddedIntoTheKernels(int outChannels, int inChannels)
    {
        int pairs = outChannels * inChannels;
        var du = Tensors.Random(16 * pairs, pairs + 1);
        var before = Tensors.Random(pairs * 9, pairs + 2);
        var dw = Guarded(pairs * 9);
        before.CopyTo(dw, 0);
        WinogradF23.AddWeightGradient(du, outChannels, inChannels, dw);
        var gt = Transposed(G);
        for (int o = 0; o < outChannels; o++)
            for (int k = 0; k < inChannels; k++)
            {
                var u = new double[4, 4];
                for (int xi = 0; xi < 16; xi++)
                    u[xi / 4, xi % 4] = du[xi * pairs + k * outChannels + o];
                var expected = Sandwich(gt, u);
                for (int t = 0; t < 9; t++)
                {
                    int at = (o * inChannels + k) * 9 + t;
                    Assert.True(Math.Abs(dw[at] - (before[at] + expected[t / 3, t % 3])) <= Tolerance, $"dW[{t}] of kernel ({o}, {k})");
                }
            }
        AssertGuardsKept(dw, pairs * 9);
    }

    [Fact]
    public void ShortSpansAreRefusedWithTheSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => WinogradF23.TransformWeights(new float[2 * 3 * 9], 2, 3, new float[16 * 6 - 1]));
        Assert.Contains("54 and 96", error.Message);
        Assert.Contains("got 54 and 95", error.Message);
    }

    /// <summary>m x mᵀ for a matrix m (rows × columns) and x (columns × columns).</summary>
    private static double[,] Sandwich(double[,] m, double[,] x)
    {
        int rows = m.GetLength(0), inner = m.GetLength(1);
        var result = new double[rows, rows];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < rows; j++)
            {
                double sum = 0;
                for (int a = 0; a < inner; a++)
                    for (int b = 0; b < inner; b++)
                        sum += m[i, a] * x[a, b] * m[j, b];
                result[i, j] = sum;
            }
        return result;
    }

    private static double[,] Transposed(double[,] m)
    {
        var t = new double[m.GetLength(1), m.GetLength(0)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                t[j, i] = m[i, j];
        return t;
    }

    /// <summary>A destination with 5 guard elements past <paramref name="length"/>.</summary>
    private static float[] Guarded(int length)
    {
        var data = new float[length + 5];
        data.AsSpan(length).Fill(42f);
        return data;
    }

    private static void AssertGuardsKept(float[] data, int length) =>
        Assert.All(data.AsSpan(length).ToArray(), v => Assert.Equal(42f, v));
}
