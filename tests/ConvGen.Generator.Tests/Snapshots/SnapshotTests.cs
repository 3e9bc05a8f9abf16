using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests.Snapshots;

/// <summary>
/// The generated source for representative shapes, committed as <c>*.verified.cs</c>: any change to the
/// emitted code shows up as a diff and is accepted on purpose.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string, string> Shapes => new()
    {
        { "EdgeDetector1x2", "[ConvLayer(1, 2, Bias = false)] public partial class EdgeDetector { }" },
        // The chapter's fixed 6x8 input (benchmark S1): 7-column rows, each one masked block in the weight gradient.
        { "Chapter6x8", "[ConvLayer(1, 2, Bias = false, InputHeight = 6, InputWidth = 8)] public partial class Chapter { }" },
        { "Conv3x3Bias", "[ConvLayer(3, 3)] public partial class Conv3x3 { }" },
        { "Tall5x1", "[ConvLayer(5, 1)] internal partial class Tall { }" },
        { "Strided", "[ConvLayer(3, 3, InChannels = 2, OutChannels = 4, Stride = 2, Padding = 1)] public partial class Strided { }" },
        { "Dilated", "[ConvLayer(3, 3, Dilation = 2, PaddingMode = PaddingMode.Reflect, Padding = 2)] public partial class Dilated { }" },
        { "Depthwise", "[ConvLayer(3, 3, InChannels = 4, OutChannels = 4, Groups = 4, Padding = 1)] public partial class Depthwise { }" },
        { "Fixed8x8", "[ConvLayer(3, 3, InChannels = 2, OutChannels = 2, InputHeight = 8, InputWidth = 8, PaddingKind = PaddingKind.Same)] public partial class Fixed { }" },
        { "FixedSingle5x5", "[ConvLayer(5, 5, Bias = false, InputHeight = 12, InputWidth = 30)] public partial class FixedSingle { }" },
        { "FixedDepthwisePadded", "[ConvLayer(3, 3, InChannels = 4, OutChannels = 4, Groups = 4, Padding = 1, InputHeight = 10, InputWidth = 40)] public partial class FixedDepthwisePadded { }" },
        { "NestedGlobal", "public partial class Outer { [ConvLayer(2, 2)] internal partial class Inner { } }" },
        // Forward vectorised over output channels: fixed short rows (benchmark S5, LeNet C3), and strided with groups at run-time sizes.
        { "LeNetC3", "[ConvLayer(5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14)] public partial class LeNetC3 { }" },
        { "StridedChannels", "[ConvLayer(3, 3, InChannels = 4, OutChannels = 32, Groups = 2, Stride = 2, Padding = 1)] public partial class StridedChannels { }" },
        // Forward as Winograd F(2x2, 3x3): a fixed odd output (the last tiles' right column and bottom row dropped), 3 output-channel blocks.
        { "WinogradOdd", "[ConvLayer(3, 3, InChannels = 16, OutChannels = 24, Padding = 1, InputHeight = 9, InputWidth = 13)] public partial class WinogradOdd { }" },
    };

    private static string Source(string name, string declaration) =>
        name == "NestedGlobal"
            ? $"using ConvGen;\n{declaration}\n"
            : $"using ConvGen;\nnamespace Demo.Layers;\n{declaration}\n";

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GeneratedSource(string name, string declaration)
    {
        Snapshot.Verify(GeneratorHarness.GeneratedText(Source(name, declaration)), name);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GeneratedSourceCompilesWithoutWarnings(string name, string declaration)
    {
        var (result, output) = GeneratorHarness.Run(Source(name, declaration));
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OutputIsDeterministic(string name, string declaration)
    {
        Assert.Equal(GeneratorHarness.GeneratedText(Source(name, declaration)), GeneratorHarness.GeneratedText(Source(name, declaration)));
    }

    [Fact]
    public void FileIsNamedAfterTheType()
    {
        var (result, _) = GeneratorHarness.Run("using ConvGen;\nnamespace A.B;\npublic partial class Outer { [ConvLayer(2, 2)] public partial class Inner { } }");
        Assert.Equal("A.B.Outer+Inner.g.cs", result.GeneratedSources.Single().HintName);
    }
}
