using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.Generator.Benchmarks;

/// <summary>
/// The generator over a compilation with 200 layers: a first run (every layer parsed, planned and
/// emitted), and incremental runs after an edit, as the IDE does on each keystroke. Targets: first
/// run under 100 ms, incremental run under 5 ms. Each run gets a new compilation made the way the IDE
/// makes one per keystroke (ReplaceSyntaxTree/AddSyntaxTrees: the resolved references are shared, no
/// binding of the sources is reused), so the generator's own binding of the attributes is measured.
/// Run: <c>dotnet run -c Release --project benchmarks/ConvGen.Generator.Benchmarks -- --filter '*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly int Layers = int.TryParse(Environment.GetEnvironmentVariable("CONVGEN_BENCH_LAYERS"), out int n) ? n : 200;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!, _withoutLast = null!, _commentCurrent = null!, _attributeCurrent = null!;
    private SyntaxTree _last = null!;
    private SyntaxTree[] _commentEdits = null!, _attributeEdits = null!;
    private GeneratorDriver _commentDriver = null!, _attributeDriver = null!;
    private int _commentTurn, _attributeTurn;

    /// <summary>The compilation with all the layers (after <see cref="Setup"/>).</summary>
    public CSharpCompilation Compilation => _compilation;

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ConvGen.ConvLayerAttribute).Assembly.Location).Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        var trees = LayerCorpus.Files(Layers).Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"File{i}.cs"));
        _compilation = CSharpCompilation.Create("Model", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        _last = _compilation.SyntaxTrees.Last();
        _withoutLast = _compilation.RemoveSyntaxTrees(_last);
        _ = _withoutLast.GetTypeByMetadataName("ConvGen.ConvLayerAttribute"); // resolve the references once, as a running IDE has

        // Two edited versions of one file each, alternated, so every measured run follows a real edit.
        _commentEdits = [.. new[] { 1, 2 }.Select(v => CSharpSyntaxTree.ParseText(LayerCorpus.Unrelated(v), ParseOptions, _last.FilePath))];
        var firstFile = _compilation.SyntaxTrees.First();
        string text = firstFile.ToString();
        _attributeEdits = [.. new[] { 0, 1 }.Select(bump =>
            CSharpSyntaxTree.ParseText(text.Replace(LayerCorpus.Layer(3), LayerCorpus.Layer(3, bump + 1)), ParseOptions, firstFile.FilePath))];
        if (_attributeEdits[0].ToString() == text) throw new InvalidOperationException("the attribute edit changed nothing");
        _commentCurrent = _compilation;
        _attributeCurrent = _compilation;

        _commentDriver = NewDriver().RunGenerators(_compilation);
        _attributeDriver = NewDriver().RunGenerators(_compilation);
        int generated = _commentDriver.GetRunResult().GeneratedTrees.Length;
        if (generated != (Baseline ? 0 : Layers)) throw new InvalidOperationException($"expected {Layers} generated files, got {generated}");
    }

    /// <summary>Set to measure Roslyn alone: the driver plus binding the same classes and attributes, with a generator that then does nothing (see <see cref="BaselineGenerator"/>).</summary>
    [Params(false, true)]
    public bool Baseline { get; set; }

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([(Baseline ? (IIncrementalGenerator)new BaselineGenerator() : new ConvLayerGenerator()).AsSourceGenerator()], parseOptions: ParseOptions);

    /// <summary>A fresh driver: every layer parsed, planned and emitted (a build, or opening the solution).</summary>
    [Benchmark]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_withoutLast.AddSyntaxTrees(_last));

    /// <summary>After an edit to ordinary code in another file: nothing to regenerate.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterUnrelatedEdit()
    {
        _commentCurrent = Edit(_commentCurrent, _commentEdits[_commentTurn++ & 1]);
        return _commentDriver = _commentDriver.RunGenerators(_commentCurrent);
    }

    /// <summary>After changing one layer's kernel size: that layer is regenerated, the other 199 are cached.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterOneAttributeEdit()
    {
        _attributeCurrent = Edit(_attributeCurrent, _attributeEdits[_attributeTurn++ & 1]);
        return _attributeDriver = _attributeDriver.RunGenerators(_attributeCurrent);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, SyntaxTree edited) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(t => t.FilePath == edited.FilePath), edited);
}
