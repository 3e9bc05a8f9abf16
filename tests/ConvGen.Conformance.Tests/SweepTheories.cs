using Xunit;

namespace ConvGen.Conformance.Tests;

/// <summary>Theory data over the sweep's cases.</summary>
public static class SweepTheories
{
    /// <summary>Every case in the data.</summary>
    public static TheoryData<string> AllCases => [.. SweepData.Cases.Keys.Order()];

    /// <summary>Every case declared in SweepLayers.g.cs.</summary>
    public static TheoryData<string> DeclaredCases => [.. SweepLayers.Create.Keys.Order()];

    /// <summary>Every declared case on every instruction-set path.</summary>
    public static TheoryData<string, ConvPath> DeclaredCasesOnEveryPath =>
    [
        .. from name in SweepLayers.Create.Keys.Order()
           from path in Enum.GetValues<ConvPath>()
           select (name, path),
    ];

    /// <summary>Every declared case with a fixed input size.</summary>
    public static TheoryData<string> FixedSizeCases => [.. SweepLayers.Fixed.Keys.Order()];
}
