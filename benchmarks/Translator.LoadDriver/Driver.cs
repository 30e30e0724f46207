namespace Translator.LoadDriver;

/// <summary>
/// Starts the fast upstream, nginx in front of it (when installed) and the real translator (one per
/// build and upstream protocol) as processes on 127.0.0.1 and measures, in one run, the same
/// workload sent directly to the upstream, through nginx and through each translator; or, with
/// <c>--soak N</c>, runs the long mixed-traffic soak against each.
/// </summary>
internal static class Driver
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = DriverOptions.Parse(args);
        using var upstream = ServerProcess.StartUpstream();
        if (options.OneCall)
        {
            await WriteAsync(await OneCallMemory.RunAsync(upstream, options), options.MarkdownPath);
            return 0;
        }

        var translators = options.Builds
            .SelectMany(build => options.Wires.Select(wire => new RunningTranslator(build, wire, ServerProcess.StartTranslator(upstream, wire, build, options.TranslatorEnvironment))))
            .ToList();
        using var nginx = options.SoakRequests > 0 ? null : ServerProcess.StartNginx(upstream);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                Timeout = TimeSpan.FromMinutes(2),
            };
            foreach (var translator in translators)
            {
                await translator.Process.WaitUntilUpAsync(http, "/health");
            }

            await upstream.WaitUntilUpAsync(http, UpstreamWire.Chat.Path, UpstreamWire.Chat.CompleteBody);
            if (nginx is not null)
            {
                await nginx.WaitUntilUpAsync(http, UpstreamWire.Chat.Path, UpstreamWire.Chat.CompleteBody);
            }

            if (options.SoakRequests > 0)
            {
                var soaks = new List<SoakResult>();
                var soakReport = new List<string>();
                foreach (var translator in translators)
                {
                    var soak = await Soak.RunAsync(translator.Process, options.SoakRequests);
                    soaks.Add(soak);
                    soakReport.Add(SoakReport.Render(soak, translator));
                }

                await WriteAsync(string.Join(Environment.NewLine, soakReport), options.MarkdownPath);
                return soaks.TrueForAll(s => s.Passed) ? 0 : 1;
            }

            var runs = translators.Select(_ => new List<LoadResult>()).ToList();
            for (var run = 1; run <= options.Runs; run++)
            {
                Console.Error.WriteLine($"run {run}/{options.Runs}");
                for (var i = 0; i < translators.Count; i++)
                {
                    var result = await LoadRun.MeasureAsync(http, upstream, nginx, translators[i], options);
                    var memory = result.OpenStreams;
                    Console.Error.WriteLine(
                        $"run {run} {translators[i].Name}: translator RSS {memory.RssBeforeMegabytes:0.0} MB before the streams, {memory.WithStreams.Rss:0.0} MB with them, " +
                        $"{memory.PeakRssMegabytes:0.0} MB peak; c32 through/direct {result.At(32).Through.RequestsPerSecond / result.At(32).Direct.RequestsPerSecond:0.00}");
                    runs[i].Add(result);
                }
            }

            await WriteAsync(LoadReport.Render([.. translators.Select((t, i) => new ProtocolRuns(t, runs[i]))], nginx is not null, options), options.MarkdownPath);
            return 0;
        }
        finally
        {
            foreach (var translator in translators)
            {
                translator.Process.Dispose();
            }
        }
    }

    private static async Task WriteAsync(string report, string? markdownPath)
    {
        Console.WriteLine(report);
        if (markdownPath is not null)
        {
            await File.WriteAllTextAsync(markdownPath, report);
        }
    }
}
