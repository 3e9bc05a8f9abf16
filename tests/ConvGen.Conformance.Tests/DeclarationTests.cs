using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>SweepLayers.g.cs and the data describe the same cases.</summary>
public class DeclarationTests
{
    [Fact]
    public void EveryCaseIsDeclaredOrListedAsNotDeclared()
    {
        var declared = SweepLayers.Create.Keys.ToHashSet();
        var notDeclared = SweepLayers.NotDeclared.ToHashSet();
        Assert.Empty(declared.Intersect(notDeclared));
        Assert.Equal(SweepData.Cases.Keys.Order(), declared.Union(notDeclared).Order());
        Assert.All(SweepLayers.Fixed.Keys, name => Assert.True(SweepData.Cases[name].FixedInput, $"{name} has fixed-size calls but no fixed input"));
        Assert.Equal(
            SweepData.Cases.Values.Where(c => c.FixedInput && declared.Contains(c.Name)).Select(c => c.Name).Order(),
            SweepLayers.Fixed.Keys.Order());
    }

    [Fact]
    public void SweepCoversEveryProperty()
    {
        var cases = SweepData.Cases.Values.ToList();
        Assert.InRange(cases.Count, 120, 400);
        foreach (var feature in new[] { "multichannel", "stride", "padding", "same", "valid", "dilation", "groups",
                                        "reflect", "replicate", "circular", "fixed", "batch", "per_axis_spelling" })
            Assert.Contains(cases, c => c.Features.Contains(feature));
        for (int r = 0; r < 8; r++)
            Assert.Contains(cases, c => c.OutWidth % 8 == r);
        Assert.Contains(cases, c => c.OutHeight == 1 && c.OutWidth == 1);
        Assert.Contains(cases, c => c.Width == c.Spec.DilationWidth * (c.Spec.KernelWidth - 1) + 1 && c.Spec.PadLeft == 0);
        Assert.Contains(cases, c => c.Spec.KernelWidth >= 16);
        Assert.Contains(cases, c => c.Spec.Groups > 1 && c.Spec.Groups == c.Spec.InChannels && c.Spec.OutChannels == c.Spec.InChannels);
        Assert.Contains(cases, c => c.Spec.Groups > 1 && c.Spec.Groups == c.Spec.InChannels && c.Spec.OutChannels > c.Spec.InChannels);
        Assert.Contains(cases, c => c.Features.Contains("same") && (c.Spec.PadBottom > c.Spec.PadTop || c.Spec.PadRight > c.Spec.PadLeft));
        Assert.Contains(cases, c => !c.Spec.HasBias);
    }
}
