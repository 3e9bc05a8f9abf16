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
        { "[[|ConvLayer(1, 2)|]] file partial class FileLocal { }", "CG0002" },
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
        { "[ConvLayer(13, 1, [|PaddingKind = PaddingKind.Same|], PaddingMode = PaddingMode.Reflect, InputHeight = 5, InputWidth = 20)] public partial class SameReflectTooMuch { }", "CG0007" },
        { "[ConvLayer(3, 3)] public partial class HasWeight { public float[] [|Weight|] = new float[9]; }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasForward { public void [|Forward|](System.ReadOnlySpan<float> x, System.Span<float> y, int b, int h, int w) { } }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class ForwardProperty { public int [|Forward|] => 1; }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasZeroGrad { void [|ZeroGrad|]() { } }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasDefaultCtor { public [|HasDefaultCtor|]() { } }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasSeedCtor { internal [|HasSeedCtor|](int n) { } }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasHelper { private static void [|CheckShape|](string s) { } }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasField { private int [|_paddedInput|]; }", "CG0012" },
        { "[ConvLayer(3, 3)] public partial class HasNestedType { private class [|LayerName|] { } }", "CG0012" },
        { "[ConvLayer(3, 3, InputHeight = 8, InputWidth = 8)] public partial class HasInputHeight { public int [|InputHeight|] { get; } }", "CG0012" },
        { "[ConvLayer(3, 3, InputHeight = 8, InputWidth = 8)] public partial class FixedForward { public void [|Forward|](System.ReadOnlySpan<float> x, System.Span<float> y, int b) { } }", "CG0012" },
        { "[[|ConvLayer(3, 3)|]] public partial class Weight { }", "CG0013" },
        { "[[|ConvLayer(3, 3)|]] public partial class ForwardBatch { }", "CG0013" },
        { "[ConvLayer(3, 3)] public partial class HasTileName { private int [|ForwardItemTile12|]; }", "CG0012" },
        { "[[|ConvLayer(3, 3)|]] public partial class WeightGradTile2 { }", "CG0013" },
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
    public void ConflictsInAnotherPartialDeclarationAreReportedThere()
    {
        const string layer = "using ConvGen;\n[ConvLayer(3, 3)] public partial class Split { }\n";
        const string other = "public partial class Split { public int Groups => 2; }\n";
        var (result, _) = GeneratorHarness.Run(layer, other);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CG0012", diagnostic.Id);
        Assert.Equal("Source1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("Groups", other.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("'Split' already declares Groups, which the generator writes for every [ConvLayer] class; remove or rename it", diagnostic.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void EveryConflictingMemberIsReported()
    {
        var (result, _) = GeneratorHarness.Run("using ConvGen;\n[ConvLayer(3, 3)] public partial class Many { int Bias; int WeightGrad; public Many(int seed) { } }");
        Assert.Equal(["Bias", "WeightGrad", "constructor Many(int)"], result.Diagnostics.Select(d => d.GetMessage().Split(" already declares ")[1].Split(", which")[0]).OrderBy(m => m, StringComparer.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.Equal("CG0012", d.Id));
    }

    [Fact]
    public void OtherOverloadsAndUnrelatedMembersAreAllowed()
    {
        var (result, output) = GeneratorHarness.Run("""
            using System;
            using ConvGen;
            [ConvLayer(3, 3)] public partial class Friendly
            {
                static Friendly() { }
                public Friendly(string name) : this(1) { Name = name; }
                public string Name { get; } = "";
                public int InputHeight => 4;                         // generated only for fixed-size layers
                public void Forward(float[] input, float[] output) => Forward(input, output, 1, 4, 4);
                public void Forward<T>(ReadOnlySpan<float> x, Span<float> y, int b, int h, int w) { }
                public int OutputHeight(long inputHeight) => (int)inputHeight;
                Span<float> IConvLayer.Weight => Span<float>.Empty; // explicit implementations do not clash
            }
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ADuplicatedAttributeIsLeftToTheCompiler()
    {
        var (result, output) = GeneratorHarness.Run("using ConvGen;\n[ConvLayer(3, 3)] public partial class Twice { }\n", "using ConvGen;\n[ConvLayer(1, 1)] public partial class Twice { }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
        Assert.Contains(output.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Id == "CS0579");
    }

    [Fact]
    public void NonConstantArgumentsLeaveTheErrorToTheCompiler()
    {
        // The compiler's CS0182 already stands at the argument with the right explanation; a ConvGen
        // error on the same span would say the same thing twice. No source is generated.
        const string source = "using ConvGen;\npublic static class Sizes { public static int K = 3; }\n[ConvLayer(Sizes.K, 2, Stride = Sizes.K)] public partial class Dynamic { }";
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
        var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Equal("CS0182", e.Id));
        Assert.Equal(["Sizes.K", "Sizes.K"], errors.Select(e => source.Substring(e.Location.SourceSpan.Start, e.Location.SourceSpan.Length)));
    }
}
