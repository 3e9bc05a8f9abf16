using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Generator.Tests.Robustness;

/// <summary>
/// The generator never throws on what an editor may hold: thousands of random and broken declarations
/// give ConvGen diagnostics located in the source, generated files, or nothing, and never CS8785.
/// </summary>
public class FuzzTests
{
    /// <summary>Declarations in all; override with CONVGEN_FUZZ_DECLARATIONS for a longer hunt.</summary>
    private static int Declarations => int.TryParse(Environment.GetEnvironmentVariable("CONVGEN_FUZZ_DECLARATIONS"), out int n) ? n : 3000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomAndBrokenDeclarationsNeverCrashTheGenerator(int seed)
    {
        var fuzzer = new DeclarationFuzzer(seed);
        int compilations = Declarations / 3 / 10, declarations = 0, reported = 0, generated = 0;
        for (int c = 0; c < compilations; c++)
        {
            // Two files of several declarations each, plus a lone one: declarations interact (duplicate names, partials).
            string[] files = [fuzzer.NextFile(5), fuzzer.NextFile(4), fuzzer.NextFile(1)];
            declarations += 10;
            var compilation = GeneratorHarness.Compile(files);
            var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var driverDiagnostics,
                TestContext.Current.CancellationToken);
            var result = driver.GetRunResult().Results.Single();

            string context = $"seed {seed}, compilation {c}:\n" + string.Join("\n--- next file ---\n", files);
            Assert.True(result.Exception is null, $"the generator threw {result.Exception}\n{context}");
            Assert.DoesNotContain(driverDiagnostics, d => d.Id is "CS8785" or "CS8784");
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.StartsWith("CG", diagnostic.Id);
                var span = diagnostic.Location.GetLineSpan();
                int file = Array.FindIndex(compilation.SyntaxTrees.ToArray(), t => t.FilePath == span.Path);
                Assert.True(file >= 0, $"{diagnostic} is not in a source file\n{context}");
                Assert.True(diagnostic.Location.SourceSpan.End <= files[file].Length && diagnostic.Location.SourceSpan.Length > 0,
                    $"{diagnostic} lies outside its file\n{context}");
                Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage()));
            }
            reported += result.Diagnostics.Length;
            generated += result.GeneratedSources.Length;
        }
        // The inputs reach every outcome: not everything is a parse error that the generator never sees.
        Assert.True(declarations >= Declarations / 3 - 10);
        Assert.True(reported > 50, $"only {reported} ConvGen diagnostics");
        Assert.True(generated > 25, $"only {generated} generated layers");
        TestContext.Current.SendDiagnosticMessage($"seed {seed}: {declarations} declarations, {reported} diagnostics, {generated} layers generated");
    }

    /// <summary>
    /// Reading <c>[ConvLayer]</c> from the syntax is a shortcut for binding it: over thousands of random declarations
    /// (aliases, constants, lookalikes, broken arguments) both ways must generate the same files and report the same
    /// diagnostics at the same places.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void ReadingTheSyntaxGivesWhatBindingGives(int seed)
    {
        var fuzzer = new DeclarationFuzzer(seed);
        int compilations = Declarations / 3 / 10, generated = 0;
        for (int c = 0; c < compilations; c++)
        {
            // Files without syntax errors: in a file with any, every layer is bound (see ConvLayerSyntax.NamesConvGen).
            string[] files = [CleanFile(fuzzer, 3), CleanFile(fuzzer, 2), CleanFile(fuzzer, 1)];
            var compilation = GeneratorHarness.Compile(files);
            string read = Outcome(compilation, alwaysBind: false, out int files1), bound = Outcome(compilation, alwaysBind: true, out _);
            Assert.True(read == bound, $"seed {seed}, compilation {c}:\n{string.Join("\n--- next file ---\n", files)}\n\nread from the syntax:\n{read}\n\nbound:\n{bound}");
            generated += files1;
        }
        Assert.True(generated > 25, $"only {generated} generated layers");
    }

    private static string CleanFile(DeclarationFuzzer fuzzer, int declarations)
    {
        for (int attempt = 0; ; attempt++)
        {
            string file = fuzzer.NextFile(declarations);
            if (!CSharpSyntaxTree.ParseText(file, GeneratorHarness.ParseOptions).GetDiagnostics().Any() || attempt == 200)
                return file;
        }
    }

    private static string Outcome(Compilation compilation, bool alwaysBind, out int generated)
    {
        ConvGen.Generator.Parse.LayerParser.AlwaysBind.Value = alwaysBind;
        try
        {
            var result = GeneratorHarness.Driver().RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            generated = result.GeneratedSources.Length;
            return string.Join("\n", result.GeneratedSources.Select(s => $"{s.HintName}: {s.SourceText.ToString().GetHashCode()}").Order()) + "\n" +
                   string.Join("\n", result.Diagnostics.Select(d => d.ToString()).Order());
        }
        finally
        {
            ConvGen.Generator.Parse.LayerParser.AlwaysBind.Value = false;
        }
    }
}
