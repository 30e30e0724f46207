namespace Translator.LoadDriver;

/// <summary>One run of the measurements against one translator (one build, one upstream protocol).</summary>
/// <param name="NginxStream">The direct stream through nginx; null when nginx is not installed.</param>
internal sealed record LoadResult(
    IReadOnlyList<ConcurrencyResult> Requests,
    StreamResult DirectStream,
    StreamResult ThroughStream,
    StreamResult PassthroughStream,
    StreamResult? NginxStream,
    OpenStreamsResult OpenStreams,
    FreshProcessResult Fresh)
{
    public ConcurrencyResult At(int concurrency) => Requests.Single(r => r.Concurrency == concurrency);
}
