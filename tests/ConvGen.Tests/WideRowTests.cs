using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using CsCheck;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Rows wide enough for every step kind on every path: the widest register tiles (8 vectors of 8 lanes =
/// 64 columns), the two-row tiles of single-plane layers (6 vectors = 48 columns) and the single vectors
/// and overlapped vector after them. The random shapes of <see cref="ForwardTests"/> stay narrow (they
/// cover every remainder mod 8); here heights are odd and even, so a last row without a partner runs too.
/// </summary>
public class WideRowTests
{
    public static TheoryData<string> Cases => LayerCatalog.Names(
        new[] { "K2x1", "K3x3", "K3x5NoBias", "K5x5", "K9x13NoBias", "K1x2NoBias", "C3to2K3x3", "C2to5K3x3", "C6to2K3x3Padded", "Depthwise2x", "MixedAxes" }.Select(LayerCatalog.Get));

    private static Gen<Shapes.Input> Wide(LayerCase c) =>
        Gen.Select(Gen.Int[1, 2], Gen.Int[c.Spec.KernelHeight * c.Spec.DilationHeight, c.Spec.KernelHeight * c.Spec.DilationHeight + 5], Gen.Int[100, 180], Gen.Int,
            (b, h, w, seed) => new Shapes.Input(b, h, w, seed));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesReferenceAndEveryPathGivesTheSameBits(string name)
    {
        var c = LayerCatalog.Get(name);
        Wide(c).Sample(input => PathChecks.Forward(c, c.Create(input.Seed), input.Batch, input.Height, input.Width, input.Seed + 1, $"{name} {input}"), iter: 6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesReferenceAndEveryPathGivesTheSameBits(string name)
    {
        var c = LayerCatalog.Get(name);
        Wide(c).Sample(input => PathChecks.Backward(c, c.Create(input.Seed), input.Batch, input.Height, input.Width, input.Seed + 1, $"{name} {input}"), iter: 4);
    }
}
