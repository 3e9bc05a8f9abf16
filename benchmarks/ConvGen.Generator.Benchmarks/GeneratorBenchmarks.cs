using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Generator.Benchmarks;

/// <summary>
/// The generator over a compilation with 200 layers: a first run (every layer parsed, planned and
/// emitted), and incremental runs after an edit, as the IDE does on each keystroke. Targets: first
/// run under 100 ms, incremental run under 5 ms. Each run gets a fresh compilation object (Clone), as
/// each build or keystroke does, so no binding done by an earlier run is reused.
/// Run: <c>dotnet run -c Release --project benchmarks/ConvGen.Generator.Benchmarks -- --filter '*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Layers = 200;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation[] _commentEdits = null!, _attributeEdits = null!;
    private GeneratorDriver _commentDriver = null!, _attributeDriver = null!;
    private int _commentTurn, _attributeTurn;

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ConvGen.ConvLayerAttribute).Assembly.Location).Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        var trees = LayerCorpus.Files(Layers).Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"File{i}.cs"));
        _compilation = CSharpCompilation.Create("Model", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // Two edited versions each, alternated, so every measured run follows a real edit.
        var unrelated = _compilation.SyntaxTrees.Last();
        _commentEdits = [.. new[] { 1, 2 }.Select(v => _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(LayerCorpus.Unrelated(v), ParseOptions, unrelated.FilePath)))];
        var firstFile = _compilation.SyntaxTrees.First();
        string text = firstFile.ToString();
        _attributeEdits = [.. new[] { 0, 1 }.Select(bump => _compilation.ReplaceSyntaxTree(firstFile,
            CSharpSyntaxTree.ParseText(text.Replace(LayerCorpus.Layer(3), LayerCorpus.Layer(3, bump + 1)), ParseOptions, firstFile.FilePath)))];

        _commentDriver = NewDriver().RunGenerators(_compilation);
        _attributeDriver = NewDriver().RunGenerators(_compilation);
        int generated = _commentDriver.GetRunResult().GeneratedTrees.Length;
        if (generated != Layers) throw new InvalidOperationException($"expected {Layers} generated files, got {generated}");
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ConvLayerGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    /// <summary>A fresh driver: every layer parsed, planned and emitted (a build, or opening the solution).</summary>
    [Benchmark]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_compilation.Clone());

    /// <summary>After an edit to ordinary code in another file: nothing to regenerate.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterUnrelatedEdit() =>
        _commentDriver = _commentDriver.RunGenerators(_commentEdits[_commentTurn++ & 1].Clone());

    /// <summary>After changing one layer's kernel size: that layer is regenerated, the other 199 are cached.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterOneAttributeEdit() =>
        _attributeDriver = _attributeDriver.RunGenerators(_attributeEdits[_attributeTurn++ & 1].Clone());
}
