using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks;

// dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- --filter '*' --job short
// BenchmarkDotNet's usual switches apply (--filter, --job, --list flat, --envVars, --disasm, ...).
var config = DefaultConfig.Instance.AddColumn(new GflopsColumn());
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ConvBenchmark).Assembly).Run(args, config);
SummaryReport.Write(summaries);
