using System.Diagnostics;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// Closed loop: a number of clients, each sending the next request when the last is answered. Also
/// the CPU time the server spent per request: unlike latency and throughput, it does not depend on
/// what else the two cores are doing.
/// </summary>
internal static class RequestMeasurement
{
    /// <summary>How long each target runs before the next one takes over.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Measures the targets in turns of half a second each, for <paramref name="seconds"/> each in
    /// all, so that whatever else the machine does meanwhile falls on all of them alike rather than
    /// on whichever was measured at that moment: the differences and ratios between them are what
    /// the report is about.
    /// </summary>
    public static async Task<IReadOnlyList<RequestResult>> MeasureInTurnsAsync(HttpClient http, IReadOnlyList<RequestTarget> targets, int concurrency, int seconds)
    {
        // Warm up connections and JIT first.
        foreach (var target in targets)
        {
            await RunLoopAsync(http, target, concurrency, TimeSpan.FromSeconds(1));
        }

        var latencies = targets.Select(_ => new List<double>()).ToList();
        var cpu = new double[targets.Count];
        var turns = (int)Math.Ceiling(TimeSpan.FromSeconds(seconds) / Slice);
        for (var turn = 0; turn < turns; turn++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var cpuBefore = targets[i].Server.CpuMilliseconds();
                latencies[i].AddRange(await RunLoopAsync(http, targets[i], concurrency, Slice));
                cpu[i] += targets[i].Server.CpuMilliseconds() - cpuBefore;
            }
        }

        var measured = turns * Slice.TotalSeconds;
        return [.. latencies.Select((l, i) => Result(l, measured, cpu[i]))];
    }

    private static RequestResult Result(List<double> latencies, double seconds, double cpuMilliseconds)
    {
        latencies.Sort();
        return new RequestResult(
            P50Milliseconds: Percentile.Of(latencies, 0.50),
            P99Milliseconds: Percentile.Of(latencies, 0.99),
            RequestsPerSecond: latencies.Count / seconds,
            ServerCpuMicrosecondsPerRequest: cpuMilliseconds * 1000 / latencies.Count);
    }

    private static async Task<List<double>> RunLoopAsync(HttpClient http, RequestTarget target, int concurrency, TimeSpan duration)
    {
        var content = Encoding.UTF8.GetBytes(target.Body);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new ByteArrayContent(content);
                request.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(target.Url, request);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{target.Url} answered {(int)response.StatusCode}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        });
        return [.. (await Task.WhenAll(workers)).SelectMany(l => l)];
    }
}
