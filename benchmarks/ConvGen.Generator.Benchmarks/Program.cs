using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ConvGen.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
