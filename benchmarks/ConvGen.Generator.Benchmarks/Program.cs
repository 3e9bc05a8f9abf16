using System.Diagnostics;
using BenchmarkDotNet.Running;
using ConvGen.Generator;
using ConvGen.Generator.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

if (args is ["--sizes", ..])
{
    // How much text the first run emits, per layer of the corpus: the first run's cost follows it.
    var b = new GeneratorBenchmarks();
    b.Setup();
    var trees = b.FirstRun().GetRunResult().GeneratedTrees;
    long total = trees.Sum(t => (long)t.Length);
    Console.WriteLine($"{trees.Length} files, {total / 1e6:F1} M chars, {total / trees.Length / 1e3:F0} k chars per file on average");
    foreach (var t in trees.OrderByDescending(t => t.Length).Take(args.Length > 1 ? int.Parse(args[1]) : 5))
        Console.WriteLine($"  {Path.GetFileName(t.FilePath)}: {t.Length / 1e3:F0} k chars");
    if (Environment.GetEnvironmentVariable("CONVGEN_DUMP") is { } dump)
    {
        if (Directory.Exists(dump)) foreach (var t in trees) File.WriteAllText(Path.Combine(dump, Path.GetFileName(t.FilePath)), t.ToString());
        else File.WriteAllText(dump, trees.OrderByDescending(t => t.Length).First().ToString());
    }
    return;
}

if (args is ["--emit", ..])
{
    // The emitter alone over the corpus's 200 plans (taken from the driver's tracked Plan step), against a
    // whole first run: how much of the first run is writing text.
    var b = new GeneratorBenchmarks();
    b.Setup();
    var driver = CSharpGeneratorDriver.Create([new ConvLayerGenerator().AsSourceGenerator()],
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    var plans = driver.RunGenerators(b.Compilation).GetRunResult().Results[0].TrackedSteps[ConvLayerGenerator.Steps.Plan]
        .SelectMany(step => step.Outputs).Select(o => o.Value).ToArray();
    var emit = typeof(ConvLayerGenerator).Assembly.GetType("ConvGen.Generator.Emit.LayerEmitter")!.GetMethod("Emit")!;
    foreach (var (name, action) in new (string, Action)[] { ("emit 200 plans", () => { foreach (var p in plans) emit.Invoke(null, [p]); }), ("first run", () => b.FirstRun()) })
    {
        for (int i = 0; i < 3; i++) action();
        var cpu = new double[15];
        for (int i = 0; i < cpu.Length; i++) { double t0 = ThreadCpu.Milliseconds(); action(); cpu[i] = ThreadCpu.Milliseconds() - t0; }
        Array.Sort(cpu);
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        Console.WriteLine($"  {name}: this thread's CPU min {cpu[0]:F2} ms, median {cpu[cpu.Length / 2]:F2} ms; {(GC.GetAllocatedBytesForCurrentThread() - before) / 1e6:F1} MB allocated");
    }
    return;
}

if (args is ["--probe", ..])
{
    // A quick look without BenchmarkDotNet: wall time and this thread's CPU time (fastest and median: the fastest is the least disturbed on a shared machine, and CPU time leaves out time the thread was not running), and the bytes allocated.
  foreach (bool baseline in new[] { true, false })
  {
    var b = new GeneratorBenchmarks { Baseline = baseline };
    b.Setup();
    Console.WriteLine(baseline ? "baseline (Roslyn alone: driver plus binding the same [ConvLayer] classes):" : "ConvGen:");
    foreach (var (name, action) in new (string, Action)[] { ("FirstRun", () => b.FirstRun()), ("IncrementalAfterUnrelatedEdit", () => b.IncrementalAfterUnrelatedEdit()), ("IncrementalAfterOneAttributeEdit", () => b.IncrementalAfterOneAttributeEdit()) })
    {
        for (int i = 0; i < 5; i++) action();
        int n = name == "FirstRun" ? 20 : 100;
        var times = new double[n];
        var cpu = new double[n];
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < n; i++)
        {
            double cpuStart = ThreadCpu.Milliseconds();
            var wall = Stopwatch.StartNew();
            action();
            times[i] = wall.Elapsed.TotalMilliseconds;
            cpu[i] = ThreadCpu.Milliseconds() - cpuStart;
        }
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Array.Sort(times);
        Array.Sort(cpu);
        Console.WriteLine($"  {name}: wall min {times[0]:F2} ms, median {times[n / 2]:F2} ms; this thread's CPU min {cpu[0]:F2} ms, median {cpu[n / 2]:F2} ms; {allocated / 1e6 / n:F1} MB allocated per run; {n} runs");
    }
  }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
