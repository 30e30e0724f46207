using BenchmarkDotNet.Running;

if (args is ["--prefix"])
{
    Translator.Benchmarks.PrefixStability.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Translator.Benchmarks.TranslationBenchmarks).Assembly).Run(args);
