using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
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
}
