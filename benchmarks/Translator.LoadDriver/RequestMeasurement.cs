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
    public static async Task<RequestResult> MeasureAsync(HttpClient http, string url, string body, int concurrency, int seconds, ServerProcess server)
    {
        // Warm up connections and JIT first.
        await RunLoopAsync(http, url, body, concurrency, TimeSpan.FromSeconds(1));
        var cpuBefore = server.CpuMilliseconds();
        var latencies = await RunLoopAsync(http, url, body, concurrency, TimeSpan.FromSeconds(seconds));
        var cpu = server.CpuMilliseconds() - cpuBefore;
        latencies.Sort();
        return new RequestResult(
            P50Milliseconds: Percentile.Of(latencies, 0.50),
            P99Milliseconds: Percentile.Of(latencies, 0.99),
            RequestsPerSecond: latencies.Count / (double)seconds,
            ServerCpuMicrosecondsPerRequest: cpu * 1000 / latencies.Count);
    }

    private static async Task<List<double>> RunLoopAsync(HttpClient http, string url, string body, int concurrency, TimeSpan duration)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new ByteArrayContent(content);
                request.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(url, request);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        });
        return [.. (await Task.WhenAll(workers)).SelectMany(l => l)];
    }
}
