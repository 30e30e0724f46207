using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Translator.Benchmarks.TranslationBenchmarks).Assembly).Run(args);
