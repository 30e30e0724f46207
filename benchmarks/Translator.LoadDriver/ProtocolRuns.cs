namespace Translator.LoadDriver;

/// <summary>Every run's results against one translator (one build, one upstream protocol).</summary>
internal sealed record ProtocolRuns(RunningTranslator Translator, IReadOnlyList<LoadResult> Runs)
{
    public UpstreamWire Wire => Translator.Wire;
}
