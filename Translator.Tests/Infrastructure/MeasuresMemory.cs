namespace Translator.Tests.Infrastructure;

/// <summary>Tests that measure the process's memory run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemory
{
    public const string Name = "Measures memory";
}
