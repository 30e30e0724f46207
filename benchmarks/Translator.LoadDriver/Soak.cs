using System.Diagnostics;
using Translator.Traffic;

namespace Translator.LoadDriver;

/// <summary>
/// The full soak of issue 8 against the real translator process: mixed requests (answers, streams,
/// tool calls, rate limits, clients that leave mid-stream) at concurrency 64. It records unexpected
/// results, and the translator's memory and open descriptors after a warm-up and at the end.
/// </summary>
internal static class Soak
{
    private const int WarmUp = 2000;

    public static async Task<SoakResult> RunAsync(ServerProcess translator, int requests)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, MaxResponseDrainSize = 0 })
        {
            BaseAddress = new Uri(translator.Url),
            Timeout = TimeSpan.FromMinutes(1),
        };

        Console.Error.WriteLine($"soak: warming up with {WarmUp} requests");
        await MixedTraffic.RunAsync(http, WarmUp);
        await Task.Delay(2000);
        var rssBefore = ProcSampler.Memory(translator.Id).Rss;
        var descriptorsBefore = ProcSampler.OpenDescriptors(translator.Id);

        // In five parts, reading the memory after each: flat means it levels off, not just ends low.
        Console.Error.WriteLine($"soak: {requests} requests at concurrency {MixedTraffic.Concurrency}");
        var started = Stopwatch.StartNew();
        var unexpected = new List<string>();
        var rssAfterPart = new List<double>();
        for (var part = 0; part < 5; part++)
        {
            unexpected.AddRange(await MixedTraffic.RunAsync(http, requests / 5));
            rssAfterPart.Add(ProcSampler.Memory(translator.Id).Rss);
        }

        var elapsed = started.Elapsed;

        // Connections of clients that left close asynchronously; let them settle (bounded).
        for (var waited = 0; waited < 100 && ProcSampler.OpenDescriptors(translator.Id) > descriptorsBefore + MixedTraffic.Concurrency; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000);
        return new SoakResult(
            requests,
            WarmUp,
            unexpected,
            elapsed,
            rssBefore,
            rssAfterPart,
            RssAtEndMegabytes: ProcSampler.Memory(translator.Id).Rss,
            DescriptorsAfterWarmUp: descriptorsBefore,
            DescriptorsAtEnd: ProcSampler.OpenDescriptors(translator.Id));
    }
}
