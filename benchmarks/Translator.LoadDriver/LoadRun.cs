namespace Translator.LoadDriver;

/// <summary>
/// One run of the measurements against one translator: a fresh process of the same build (start
/// time, idle memory, memory with many streams); then at each concurrency the same request direct,
/// through nginx, through the translator and through its passthrough, in turns; then streams one at a time;
/// then the long-running translator's memory with many streams held open.
/// </summary>
internal static class LoadRun
{
    public const string TranslatedBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";
    public const string TranslatedStreamBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""";

    public static async Task<LoadResult> MeasureAsync(HttpClient http, ServerProcess upstream, ServerProcess? nginx, RunningTranslator translator, DriverOptions options)
    {
        var wire = translator.Wire;
        var fresh = await FreshProcessMeasurement.MeasureAsync(upstream, translator, options);
        var server = translator.Process;
        var requests = new List<ConcurrencyResult>();
        foreach (var concurrency in options.Concurrencies)
        {
            // nginx is the baseline for the hop: a proxy built for nothing else, on the same machine.
            // The passthrough is the floor of the translator's own hop: the same process forwarding
            // the direct request unchanged (its YARP passthrough), with no translation at all.
            List<RequestTarget> targets =
            [
                new(upstream.Url + wire.Path, wire.CompleteBody, upstream),
                new(server.Url + "/v1/messages", TranslatedBody, server),
                new(server.Url + wire.Path, wire.CompleteBody, server),
            ];
            if (nginx is not null)
            {
                targets.Add(new(nginx.Url + wire.Path, wire.CompleteBody, nginx));
            }

            var measured = await RequestMeasurement.MeasureInTurnsAsync(http, targets, concurrency, options.Seconds);
            requests.Add(new ConcurrencyResult(concurrency, measured[0], measured[1], measured[2], nginx is null ? null : measured[3]));
        }

        var directStream = await StreamMeasurement.MeasureAsync(http, upstream.Url + wire.Path, wire.StreamBody);
        var nginxStream = nginx is null ? null : await StreamMeasurement.MeasureAsync(http, nginx.Url + wire.Path, wire.StreamBody);
        var throughStream = await StreamMeasurement.MeasureAsync(http, server.Url + "/v1/messages", TranslatedStreamBody);
        var passthroughStream = await StreamMeasurement.MeasureAsync(http, server.Url + wire.Path, wire.StreamBody);
        var openStreams = await OpenStreamsMeasurement.MeasureAsync(server.Url + "/v1/messages", server, options.OpenStreams);
        return new LoadResult(requests, directStream, throughStream, passthroughStream, nginxStream, openStreams, fresh);
    }
}
