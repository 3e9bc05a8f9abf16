using System.Diagnostics;
using BenchmarkDotNet.Running;
using ConvGen.Generator.Benchmarks;

if (args is ["--probe", ..])
{
    // A quick look without BenchmarkDotNet: process CPU time per operation, which a loaded machine distorts less than wall time.
  foreach (bool baseline in new[] { true, false })
  {
    var b = new GeneratorBenchmarks { Baseline = baseline };
    b.Setup();
    Console.WriteLine(baseline ? "baseline (Roslyn alone: driver plus binding the same [ConvLayer] classes):" : "ConvGen:");
    foreach (var (name, action) in new (string, Action)[] { ("FirstRun", () => b.FirstRun()), ("IncrementalAfterUnrelatedEdit", () => b.IncrementalAfterUnrelatedEdit()), ("IncrementalAfterOneAttributeEdit", () => b.IncrementalAfterOneAttributeEdit()) })
    {
        for (int i = 0; i < 5; i++) action();
        int n = name == "FirstRun" ? 10 : 50;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < n; i++) action();
        wall.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"  {name}: {wall.Elapsed.TotalMilliseconds / n:F2} ms wall, {used.TotalMilliseconds / n:F2} ms CPU (all threads) per run, {n} runs");
    }
  }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
