namespace Translator.LoadDriver;

/// <summary>
/// One run of the measurements against one translator: at each concurrency the same request
/// direct, through the translator and through its passthrough; then streams one at a time; then
/// the translator's memory with many streams held open.
/// </summary>
internal static class LoadRun
{
    public static readonly int[] Concurrencies = [1, 32, 256];

    private const string TranslatedBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";
    private const string TranslatedStreamBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""";

    public static async Task<LoadResult> MeasureAsync(HttpClient http, ServerProcess upstream, ServerProcess translator, UpstreamWire wire, DriverOptions options)
    {
        var requests = new List<ConcurrencyResult>();
        foreach (var concurrency in Concurrencies)
        {
            var direct = await RequestMeasurement.MeasureAsync(http, upstream.Url + wire.Path, wire.CompleteBody, concurrency, options.Seconds, upstream);
            var through = await RequestMeasurement.MeasureAsync(http, translator.Url + "/v1/messages", TranslatedBody, concurrency, options.Seconds, translator);

            // The floor of any proxy on this machine: the same process forwarding the
            // direct request unchanged (its YARP passthrough), with no translation at all.
            var passthrough = await RequestMeasurement.MeasureAsync(http, translator.Url + wire.Path, wire.CompleteBody, concurrency, options.Seconds, translator);
            requests.Add(new ConcurrencyResult(concurrency, direct, through, passthrough));
        }

        var directStream = await StreamMeasurement.MeasureAsync(http, upstream.Url + wire.Path, wire.StreamBody);
        var throughStream = await StreamMeasurement.MeasureAsync(http, translator.Url + "/v1/messages", TranslatedStreamBody);
        var openStreams = await OpenStreamsMeasurement.MeasureAsync(translator.Url + "/v1/messages", translator, options.OpenStreams);
        return new LoadResult(requests, directStream, throughStream, openStreams);
    }
}
