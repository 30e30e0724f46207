using BenchmarkDotNet.Running;

if (args is ["--prefix"])
{
    Translator.Benchmarks.PrefixStability.Print();
    return;
}

if (args is ["--first-byte", ..])
{
    await Translator.Benchmarks.FirstByteLatency.PrintAsync(args is [_, var runs] ? int.Parse(runs) : 5);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Translator.Benchmarks.TranslationBenchmarks).Assembly).Run(args);
