using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>
/// Which declarations are layers. Most are recognised from the syntax (a bare <c>[ConvLayer]</c> in a file that
/// imports ConvGen, literal arguments); the rest are bound as the compiler binds them. Both ways must find the same
/// layers and generate the same text, and neither may take someone else's attribute for ConvGen's.
/// </summary>
public class RecognitionTests
{
    private const string Reference = """
        using ConvGen;
        namespace Demo;
        [ConvLayer(3, 3, InChannels = 2, OutChannels = 4, Padding = 1, PaddingMode = PaddingMode.Reflect, Bias = false)]
        public partial class Layer { }
        """;

    /// <summary>Generated text of the one layer, with compilation errors (generated code included) asserted absent.</summary>
    private static string Generate(params string[] sources)
    {
        var (result, output) = GeneratorHarness.Run(sources);
        Assert.Null(result.Exception);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        return Assert.Single(result.GeneratedSources).SourceText.ToString();
    }

    public static TheoryData<string, string[]> BoundDeclarations => new()
    {
        // Constants and expressions: the compiler's values.
        { "constants", ["using ConvGen;\nnamespace Demo;\nstatic class K { public const int Size = 3, Pad = 1; public const bool Bias = false; }\n" +
                        "[ConvLayer(K.Size, 1 + 2, InChannels = 2, OutChannels = 2 * 2, Padding = K.Pad, PaddingMode = (PaddingMode)1, Bias = K.Bias)]\npublic partial class Layer { }"] },
        // Named constructor arguments, in another order.
        { "named positional", ["using ConvGen;\nnamespace Demo;\n[ConvLayer(kernelWidth: 3, kernelHeight: 3, InChannels = 2, OutChannels = 4, Padding = 1, PaddingMode = PaddingMode.Reflect, Bias = false)]\npublic partial class Layer { }"] },
        // ConvGen imported by a global using in another file: the name is bound.
        { "global using", ["global using ConvGen;", Reference.Replace("using ConvGen;\n", "")] },
        // An alias declared in the file, at the top or in a namespace block.
        { "alias", [Reference.Replace("using ConvGen;", "using ConvGen;\nusing Conv = ConvGen.ConvLayerAttribute;").Replace("[ConvLayer(", "[Conv(")] },
        { "alias in a namespace", ["namespace Demo { using ConvGen; using Conv = global::ConvGen.ConvLayer" + "Attribute;\n" +
                                   "[Conv(3, 3, InChannels = 2, OutChannels = 4, Padding = 1, PaddingMode = PaddingMode.Reflect, Bias = false)] public partial class Layer { } }"] },
    };

    [Theory]
    [MemberData(nameof(BoundDeclarations))]
    public void BoundLayersGenerateWhatLiteralOnesDo(string name, string[] sources)
    {
        Assert.NotNull(name);
        Assert.Equal(Generate(Reference), Generate(sources));
    }

    [Theory]
    [InlineData("namespace Demo;\n[ConvGen.ConvLayer(3, 3, InChannels = 2, OutChannels = 4, Padding = 1, PaddingMode = ConvGen.PaddingMode.Reflect, Bias = false)]\npublic partial class Layer { }")]
    [InlineData("namespace Demo;\n[global::ConvGen.ConvLayerAttribute(3, 3, InChannels = 2, OutChannels = 4, Padding = 1, PaddingMode = ConvGen.PaddingMode.Reflect, Bias = false)]\npublic partial class Layer { }")]
    [InlineData("namespace Demo { using ConvGen; [ConvLayer(3, 3, InChannels = 2, OutChannels = 4, Padding = 1, PaddingMode = PaddingMode.Reflect, Bias = false)] public partial class Layer { } }")]
    public void QualifiedOrScopedNamesAreLayersToo(string source) => Assert.Equal(Generate(Reference), Generate(source));

    [Theory]
    // The user's own ConvLayerAttribute, closer in scope than the imported one: the compiler binds it.
    [InlineData("""
        using System;
        using ConvGen;
        namespace Demo
        {
            public sealed class ConvLayerAttribute(int h, int w) : Attribute { public int InChannels { get; set; } }
            [ConvLayer(3, 3, InChannels = 2)] public partial class NotALayer { }
        }
        """)]
    // Named like ConvGen's, with ConvGen imported and arguments ConvGen's would take: the alias decides (@ asks for
    // exactly 'ConvLayer', so the alias is not ambiguous with ConvGen's ConvLayerAttribute).
    [InlineData("""
        using ConvGen;
        using ConvLayer = Demo.Other;
        namespace Demo;
        public sealed class Other(int h, int w) : System.Attribute { public int InChannels { get; set; } }
        [@ConvLayer(3, 3, InChannels = 2)] public partial class NotALayer { }
        """)]
    public void SomeoneElsesAttributeIsNotALayer(string source)
    {
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ALayerNextToALookalikeIsStillFound()
    {
        // A type named like ConvGen's elsewhere in the source sends every layer to the binding path; ConvGen's own still generate.
        const string other = "namespace Elsewhere; public sealed class ConvLayerAttribute : System.Attribute { }";
        Assert.Equal(Generate(Reference), Generate(Reference, other));
    }

    [Theory]
    // The name without ConvGen imported: the compiler's CS0246, and nothing from the generator.
    [InlineData("namespace Demo;\n[ConvLayer(3, 3)] public partial class Layer { }", "CS0246")]
    // A wrong argument type: the compiler's error only.
    [InlineData("using ConvGen;\nnamespace Demo;\n[ConvLayer(3, 3, Bias = 1)] public partial class Layer { }", "CS0029")]
    // [ConvLayer] twice, on two partial declarations: the compiler's CS0579, and no file twice.
    [InlineData("using ConvGen;\nnamespace Demo;\n[ConvLayer(3, 3)] public partial class Layer { }\n[ConvLayer(2, 2)] public partial class Layer { }", "CS0579")]
    public void WhatTheCompilerRejectsGeneratesNothing(string source, string compilerError)
    {
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(output.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Id == compilerError);
    }

    [Fact]
    public void AGlobalAliasIsAWarningAtTheDirective()
    {
        const string aliases = "global using Conv = ConvGen.ConvLayerAttribute;\n";
        var (result, _) = GeneratorHarness.Run(aliases, "namespace Demo;\n[Conv(3, 3)] public partial class Elsewhere { }");
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("CG0014", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        // The whole directive, in the file that declares it.
        Assert.Equal("Source0.cs", warning.Location.GetLineSpan().Path);
        Assert.Equal(aliases.TrimEnd(), aliases.Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length));
        Assert.Contains("[Conv]", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // The step's cached value is the location-free model, not a Diagnostic or Location.
        var cached = Assert.Single(result.TrackedSteps[ConvLayerGenerator.Steps.GlobalAlias].SelectMany(s => s.Outputs)).Value;
        Assert.Equal("DiagnosticInfo", cached.GetType().Name);
        Assert.Equal("LocationInfo", cached.GetType().GetProperty("Location")!.GetValue(cached)!.GetType().Name);
    }
}
