using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Every output width from 1 to 40, so each route along a row runs on each path: on the 8-lane path rows of
/// 4 to 7 columns take two 4-lane vectors (the second overlapped) and rows of 1 to 3 single lanes; on the
/// 4-lane path rows of 1 to 3 take single lanes; a row's last 1 to 2 vectors take one or two single vectors
/// or one overlapped 2-vector step; 4-channel tiles (3 vectors) leave a row's last 3 to 4 vectors to two
/// 2-vector steps. The random shapes of <see cref="ForwardTests"/> reach these widths only by chance.
/// </summary>
public class RowWidthTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "K1x2NoBias", "K3x3", "K5x5", "C3to2K3x3", "C2to5K3x3", "C6to2K3x3Padded", "Depthwise2x", "K3x5NoBias" })
            for (int ow = 1; ow <= 40; ow++)
                data.Add(name, ow);
        return data;
    }

    /// <summary>Batch 2, the smallest height plus 4, and the smallest input width that gives <paramref name="ow"/> output columns.</summary>
    private static (int B, int H, int W) Sizes(LayerCase c, IConvLayer layer, int ow)
    {
        var s = c.Spec;
        int h = Math.Max(1, s.DilationHeight * (s.KernelHeight - 1) + 1 - s.PadTop - s.PadBottom) + 4;
        int w = Math.Max(1, s.DilationWidth * (s.KernelWidth - 1) + 1 - s.PadLeft - s.PadRight);
        while (layer.OutputWidth(w) < ow) w++;
        return (2, h, w);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesReferenceAndEveryPathGivesTheSameBits(string name, int ow)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(ow);
        var (b, h, w) = Sizes(c, layer, ow);
        Assert.Equal(ow, layer.OutputWidth(w));
        PathChecks.Forward(c, layer, b, h, w, ow + 1, $"{name} ow={ow}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesReferenceAndEveryPathGivesTheSameBits(string name, int ow)
    {
        var c = LayerCatalog.Get(name);
        var layer = c.Create(ow);
        var (b, h, w) = Sizes(c, layer, ow);
        PathChecks.Backward(c, layer, b, h, w, ow + 1, $"{name} ow={ow}");
    }
}
