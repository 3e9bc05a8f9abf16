using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>Each invalid declaration gives an error with a stable ID, at the attribute or the offending argument, and no source.</summary>
public class DiagnosticTests
{
    /// <summary>Declaration (with the span to report marked by [| |]), expected ID.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "[[|ConvLayer(1, 2)|]] public class NotPartial { }", "CG0001" },
        { "public class Outer { [[|ConvLayer(1, 2)|]] public partial class Inner { } }", "CG0001" },
        { "[[|ConvLayer(1, 2)|]] public static partial class StaticLayer { }", "CG0002" },
        { "[[|ConvLayer(1, 2)|]] public partial class Generic<T> { }", "CG0002" },
        { "[[|ConvLayer(1, 2)|]] public abstract partial class AbstractLayer { }", "CG0002" },
        { "[[|ConvLayer(1, 2)|]] public partial record RecordLayer { }", "CG0002" },
        { "public partial class Outer<T> { [[|ConvLayer(1, 2)|]] public partial class Inner { } }", "CG0002" },
        { "[ConvLayer([|0|], 2)] public partial class ZeroHeight { }", "CG0003" },
        { "[ConvLayer(1, [|-3|])] public partial class NegativeWidth { }", "CG0003" },
        { "[ConvLayer(1, [|33|])] public partial class TooWide { }", "CG0003" },
        { "[ConvLayer(3, 3, [|InChannels = 0|])] public partial class NoChannels { }", "CG0004" },
        { "[ConvLayer(3, 3, [|OutChannels = -1|])] public partial class NegativeOut { }", "CG0004" },
        { "[ConvLayer(3, 3, InChannels = 4, OutChannels = 6, [|Groups = 4|])] public partial class BadGroups { }", "CG0005" },
        { "[ConvLayer(3, 3, InChannels = 3, OutChannels = 4, [|Groups = 2|])] public partial class BadGroupsIn { }", "CG0005" },
        { "[ConvLayer(3, 3, [|Stride = 0|])] public partial class ZeroStride { }", "CG0006" },
        { "[ConvLayer(3, 3, Stride = 2, [|StrideWidth = -1|])] public partial class NegativeStrideWidth { }", "CG0006" },
        { "[ConvLayer(3, 3, [|Padding = -1|])] public partial class NegativePadding { }", "CG0007" },
        { "[ConvLayer(3, 3, PaddingKind = PaddingKind.Same, [|Padding = 1|])] public partial class SameAndNumber { }", "CG0007" },
        { "[ConvLayer(3, 3, [|Padding = 3|], PaddingMode = PaddingMode.Reflect, InputHeight = 3, InputWidth = 8)] public partial class ReflectTooMuch { }", "CG0007" },
        { "[ConvLayer(3, 3, [|DilationHeight = 0|])] public partial class ZeroDilation { }", "CG0008" },
        { "[ConvLayer(3, 3, Stride = 2, [|PaddingKind = PaddingKind.Same|])] public partial class SameStrided { }", "CG0009" },
        { "[ConvLayer(5, 5, [|InputHeight = 4|], InputWidth = 9)] public partial class FixedTooSmall { }", "CG0010" },
        { "[ConvLayer(3, 3, [|InputHeight = 8|])] public partial class FixedHalf { }", "CG0010" },
        { "[ConvLayer(3, 3, [|PaddingMode = (PaddingMode)7|])] public partial class UnknownMode { }", "CG0011" },
        { "[ConvLayer(3, 3, [|Stride = 100000|])] public partial class HugeStride { }", "CG0011" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheErrorAtTheRightPlace(string marked, string id)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal) - 2;
        string declaration = marked.Replace("[|", "").Replace("|]", "");
        string source = "using ConvGen;\nnamespace Demo;\n" + declaration + "\n";
        int offset = "using ConvGen;\nnamespace Demo;\n".Length;

        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(declaration.Substring(start, end - start), source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(offset + start, diagnostic.Location.SourceSpan.Start);
        Assert.Empty(result.GeneratedSources);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage()));
    }

    [Fact]
    public void MessagesSayWhatIsWrongAndWhatIsExpected()
    {
        var (result, _) = GeneratorHarness.Run("using ConvGen;\n[ConvLayer(3, 3, InChannels = 4, OutChannels = 6, Groups = 4)] public partial class BadGroups { }");
        Assert.Equal("OutChannels (6) of 'BadGroups' must be divisible by Groups (4)", Assert.Single(result.Diagnostics).GetMessage());
        (result, _) = GeneratorHarness.Run("using ConvGen;\n[ConvLayer(1, 2)] public class Plain { }");
        Assert.Equal("'Plain' is marked [ConvLayer] but is not partial; declare it 'partial class Plain' so the generator can add the layer's members",
                     Assert.Single(result.Diagnostics).GetMessage());
    }

    [Fact]
    public void SeveralProblemsAreAllReported()
    {
        var (result, _) = GeneratorHarness.Run("using ConvGen;\n[ConvLayer(0, 0, Stride = 0)] public partial class Broken { }");
        Assert.Equal(["CG0003", "CG0003", "CG0006"], result.Diagnostics.Select(d => d.Id).OrderBy(i => i));
    }

    [Fact]
    public void ValidLayersInTheSameCompilationStillGenerate()
    {
        var (result, _) = GeneratorHarness.Run("using ConvGen;\n[ConvLayer(0, 2)] public partial class Bad { }\n[ConvLayer(1, 2)] public partial class Good { }");
        Assert.Equal("CG0003", Assert.Single(result.Diagnostics).Id);
        Assert.Equal("Good.g.cs", Assert.Single(result.GeneratedSources).HintName);
    }

    [Fact]
    public void NonConstantArgumentsLeaveTheErrorToTheCompiler()
    {
        var (result, output) = GeneratorHarness.Run("using ConvGen;\npublic static class Sizes { public static int K = 3; }\n[ConvLayer(Sizes.K, 2)] public partial class Dynamic { }");
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        Assert.Contains(output.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Id == "CS0182");
    }
}
