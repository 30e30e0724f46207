using System.Diagnostics;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>Opens many streams that the upstream holds open, and reads the translator's memory meanwhile.</summary>
internal static class OpenStreamsMeasurement
{
    /// <summary>The model the fast upstream answers with one chunk, then holds the stream open for a minute.</summary>
    private const string HeldStreamBody = """{"model":"hold-60000","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""";

    public static async Task<OpenStreamsResult> MeasureAsync(string url, ServerProcess translator, int count)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, MaxResponseDrainSize = 0 }) { Timeout = TimeSpan.FromMinutes(2) };
        var before = ProcSampler.Memory(translator.Id).Rss;
        var peakReset = ProcSampler.ResetPeakRss(translator.Id);
        using var release = new CancellationTokenSource();
        var opened = 0;
        var streams = Enumerable.Range(0, count).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(HeldStreamBody, Encoding.UTF8, "application/json") };
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, release.Token);
                await using var stream = await response.Content.ReadAsStreamAsync(release.Token);
                var buffer = new byte[4096];
                if (await stream.ReadAsync(buffer, release.Token) > 0)
                {
                    Interlocked.Increment(ref opened);
                }

                await Task.Delay(Timeout.Infinite, release.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }).ToList();

        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref opened) < count && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        // Let the streams settle (pings, buffers), then read memory while all are open.
        await Task.Delay(1500);
        var during = ProcSampler.Memory(translator.Id);
        var result = new OpenStreamsResult(Volatile.Read(ref opened), before, peakReset ? during.PeakRss : double.NaN, during);
        release.Cancel();
        await Task.WhenAll(streams);
        return result;
    }
}
