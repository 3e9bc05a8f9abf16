using System.Collections;
using System.Reflection;
using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Generator.Tests.Caching;

/// <summary>
/// The pipeline caches by value: after an edit that does not touch a layer, every tracked step is
/// Cached or Unchanged and no file is regenerated; editing one layer's attribute regenerates that layer only.
/// </summary>
public class IncrementalTests
{
    private const string Layers = """
        using ConvGen;
        namespace Demo;
        [ConvLayer(3, 3, InChannels = 2, OutChannels = 4, Padding = 1)] public partial class First { }
        [ConvLayer(1, 2, Bias = false)] public partial class Second { }
        [ConvLayer(0, 2)] public partial class Broken { }
        """;

    private const string More = """
        using ConvGen;
        namespace Demo.More;
        public partial class Outer { [ConvLayer(5, 5, Stride = 2, InputHeight = 16, InputWidth = 16)] internal partial class Third { } }
        """;

    private const string Other = """
        namespace Demo;
        public class Unrelated { public int Value => 1; }
        """;

    private static readonly string[] TrackedSteps = [ConvLayerGenerator.Steps.Parse, ConvLayerGenerator.Steps.Plan];

    private static CSharpCompilation Initial() => GeneratorHarness.Compile(Layers, More, Other);

    private static CSharpCompilation Replace(CSharpCompilation compilation, int file, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(file);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath, cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Runs the driver on the first compilation, then on the edited one; returns the second run.</summary>
    private static GeneratorRunResult RunTwice(CSharpCompilation first, CSharpCompilation second)
    {
        var driver = GeneratorHarness.Driver().RunGenerators(first, TestContext.Current.CancellationToken);
        Assert.Equal(3, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        return driver.RunGenerators(second, TestContext.Current.CancellationToken).GetRunResult().Results.Single();
    }

    public static TheoryData<string> UnrelatedEdits => ["comment in a layer file", "comment in the other layer file", "other file", "new class", "new file"];

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void AnUnrelatedEditLeavesEveryStepCached(string edit)
    {
        var first = Initial();
        var second = edit switch
        {
            "comment in a layer file" => Replace(first, 0, Layers + "\n// a comment\n"),
            "comment in the other layer file" => Replace(first, 1, "// a comment that moves every line down\n" + More),
            "other file" => Replace(first, 2, Other.Replace("Value => 1", "Value => 2")),
            "new class" => Replace(first, 2, Other + "\npublic class Another { }\n"),
            _ => first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Extra { }", GeneratorHarness.ParseOptions, "Extra.cs", cancellationToken: TestContext.Current.CancellationToken)),
        };
        var result = RunTwice(first, second);

        foreach (var name in TrackedSteps)
        {
            var outputs = result.TrackedSteps[name].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {o.Reason} for {o.Value}"));
        }
        var sources = result.TrackedOutputSteps.SelectMany(p => p.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.NotEmpty(sources);
        Assert.All(sources, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {o.Reason}"));
        Assert.Equal(3, result.GeneratedSources.Length);
    }

    [Fact]
    public void ACommentAboveAnInvalidLayerMovesOnlyItsDiagnostic()
    {
        // Diagnostics carry their position, so the invalid layer's parse result changes with the lines
        // moved (its error must move too); the valid layers' results, the plans and the files do not.
        var first = Initial();
        var result = RunTwice(first, Replace(first, 0, "// a comment that moves every line down\n" + Layers));

        var parsed = result.TrackedSteps[ConvLayerGenerator.Steps.Parse].SelectMany(s => s.Outputs).ToArray();
        var changed = Assert.Single(parsed, o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Modified, changed.Reason);
        Assert.Contains("Broken", Assert.Single(result.Diagnostics).GetMessage());
        Assert.Equal(5, result.Diagnostics[0].Location.GetLineSpan().StartLinePosition.Line); // was line 4 (0-based)
        Assert.All(result.TrackedSteps[ConvLayerGenerator.Steps.Plan].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        // Of the outputs only the moved diagnostic is new; no file is regenerated.
        var outputs = result.TrackedOutputSteps.SelectMany(p => p.Value).SelectMany(s => s.Outputs).ToArray();
        var reported = Assert.Single(outputs, o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        // The value is (generated sources, diagnostics); Roslyn's source type is internal, so read it by field.
        var files = (IEnumerable)reported.Value.GetType().GetField("Item1")!.GetValue(reported.Value)!;
        var diagnostics = (IEnumerable<Diagnostic>)reported.Value.GetType().GetField("Item2")!.GetValue(reported.Value)!;
        Assert.Empty(files.Cast<object>());
        Assert.Equal("CG0003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void ChangingOneAttributeRegeneratesOnlyThatLayer()
    {
        var first = Initial();
        var driver = GeneratorHarness.Driver().RunGenerators(first, TestContext.Current.CancellationToken);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var second = Replace(first, 0, Layers.Replace("[ConvLayer(1, 2, Bias = false)]", "[ConvLayer(1, 3, Bias = false)]"));
        var result = driver.RunGenerators(second, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        foreach (var name in TrackedSteps)
        {
            var outputs = result.TrackedSteps[name].SelectMany(s => s.Outputs).ToArray();
            var changed = outputs.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToArray();
            Assert.True(changed.Length == 1, $"{name}: {string.Join(", ", outputs.Select(o => o.Reason))}");
            Assert.Contains("Second", changed[0].Value.ToString());
            Assert.All(outputs.Except(changed), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        }
        var sources = result.TrackedOutputSteps.SelectMany(p => p.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.Single(sources, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);

        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal(["Demo.Second.g.cs"], before.Keys.Where(k => before[k] != after[k]));
        Assert.Contains("kernel 1x3", after["Demo.Second.g.cs"]);
    }

    [Fact]
    public void StepOutputsHoldNoCompilationSymbolSyntaxOrLocation()
    {
        var first = Initial();
        var result = RunTwice(first, Replace(first, 0, Layers + "\n// edit\n"));
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int visited = 0;
        foreach (var name in TrackedSteps)
            foreach (var (value, _) in result.TrackedSteps[name].SelectMany(s => s.Outputs))
                visited += Walk(value, $"{name} output", seen);
        // The walk reached the models' insides (specs, plans, taps, diagnostics), not just the outer objects.
        Assert.True(visited > 50, $"only {visited} objects walked");
        Assert.Contains(seen, o => o.GetType().Name == "LocationInfo");
        Assert.Contains(seen, o => o.GetType().Name == "LayerPlan");
    }

    [Fact]
    public void TheWalkFindsForbiddenObjectsNestedInsideModels()
    {
        var tree = CSharpSyntaxTree.ParseText("class A { }", cancellationToken: TestContext.Current.CancellationToken);
        object[] hidden = [tree.GetRoot(TestContext.Current.CancellationToken).GetLocation(), tree.GetRoot(TestContext.Current.CancellationToken), GeneratorHarness.Compile("class B { }")];
        foreach (var item in hidden)
            Assert.ThrowsAny<Exception>(() => Walk((1, new[] { (object)"x", ("y", item) }), "test", new HashSet<object>(ReferenceEqualityComparer.Instance)));
        Assert.Equal(1, Walk("plain", "test", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    /// <summary>Visits <paramref name="value"/> and everything it holds; fails on a forbidden type. Returns the objects visited.</summary>
    private static int Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null) return 0;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or AttributeData,
            $"{path} holds a {value.GetType().FullName}");
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string || value is DiagnosticDescriptor) return 1;
        if (!type.IsValueType && !seen.Add(value)) return 0;
        int count = 1;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) count += Walk(item, $"{path}[{i++}]", seen);
            if (type.IsArray) return count;
        }
        // Step into our own models (records, EquatableArray, tuples); Roslyn's text spans and other plain structs too.
        if (type.Assembly == typeof(ConvLayerGenerator).Assembly || type.IsValueType || type.Name.StartsWith("ValueTuple", StringComparison.Ordinal))
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                count += Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
        else
            Assert.Fail($"{path} holds a {type.FullName}, which is not a plain value model");
        return count;
    }
}
