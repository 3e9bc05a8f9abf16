using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks;

// dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- --filter '*' --job short
// BenchmarkDotNet's usual switches apply (--filter, --job, --list flat, --envVars, --disasm, ...).
if (args is ["--alloc-check"]) return AllocationCheck.Run();

// The benchmark build restores and compiles TorchSharp/ONNX Runtime references: on a busy shared machine it
// takes longer than BenchmarkDotNet's default two minutes.
var config = DefaultConfig.Instance.AddColumn(new GflopsColumn()).WithBuildTimeout(TimeSpan.FromMinutes(10));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ConvBenchmark).Assembly).Run(args, config);
SummaryReport.Write(summaries);
return 0;
