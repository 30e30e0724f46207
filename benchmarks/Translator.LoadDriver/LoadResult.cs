namespace Translator.LoadDriver;

/// <summary>One run of the measurements against one translator (one upstream protocol).</summary>
internal sealed record LoadResult(
    IReadOnlyList<ConcurrencyResult> Requests,
    StreamResult DirectStream,
    StreamResult ThroughStream,
    OpenStreamsResult OpenStreams)
{
    public ConcurrencyResult At(int concurrency) => Requests.Single(r => r.Concurrency == concurrency);
}
