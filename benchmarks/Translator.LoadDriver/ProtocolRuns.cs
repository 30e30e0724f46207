namespace Translator.LoadDriver;

/// <summary>Every run's results against the translator that speaks <paramref name="Wire"/>'s protocol upstream.</summary>
internal sealed record ProtocolRuns(UpstreamWire Wire, IReadOnlyList<LoadResult> Runs);
