using System.Diagnostics;
using System.Net;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// Starts a fresh process of a translator's build and measures what the load phases would blur:
/// the time from start to its first answered request, its memory idle, and its peak with many
/// streams open with no earlier load's garbage in the heap.
/// </summary>
internal static class FreshProcessMeasurement
{
    public static async Task<FreshProcessResult> MeasureAsync(ServerProcess upstream, RunningTranslator translator, DriverOptions options)
    {
        using var process = ServerProcess.StartTranslator(upstream, translator.Wire, translator.Build, options.TranslatorEnvironment);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(1) };
        var url = process.Url + "/v1/messages";
        var firstAnswer = await FirstAnswerAsync(http, url, process);

        using (var stream = await http.PostAsync(url, Json(LoadRun.TranslatedStreamBody)))
        {
            await stream.Content.ReadAsByteArrayAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
        var idle = ProcSampler.Memory(process.Id);
        var openStreams = await OpenStreamsMeasurement.MeasureAsync(url, process, options.OpenStreams);
        Console.Error.WriteLine(
            $"fresh {translator.Name}: first answer after {firstAnswer:0} ms, idle RSS {idle.Rss:0.0} MB, " +
            $"{openStreams.Opened} streams peak {openStreams.PeakRssMegabytes:0.0} MB");
        return new FreshProcessResult(firstAnswer, idle, openStreams);
    }

    /// <summary>Sends the translated request every few milliseconds until one is answered 200; the time since the start.</summary>
    private static async Task<double> FirstAnswerAsync(HttpClient http, string url, ServerProcess process)
    {
        while (Stopwatch.GetElapsedTime(process.StartedAt) < TimeSpan.FromMinutes(1))
        {
            try
            {
                using var response = await http.PostAsync(url, Json(LoadRun.TranslatedBody));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await response.Content.ReadAsByteArrayAsync();
                    return Stopwatch.GetElapsedTime(process.StartedAt).TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{url} did not answer within a minute of its start.");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
