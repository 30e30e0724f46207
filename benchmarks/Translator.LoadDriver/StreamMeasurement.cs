using System.Diagnostics;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>One client, one stream after another: time to the first body byte and to the last.</summary>
internal static class StreamMeasurement
{
    private const int Streams = 220;

    /// <summary>The first streams warm up and are not counted.</summary>
    private const int WarmUp = 20;

    public static async Task<StreamResult> MeasureAsync(HttpClient http, string url, string body)
    {
        var first = new List<double>();
        var last = new List<double>();
        var buffer = new byte[16 * 1024];
        for (var i = 0; i < Streams; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var read = await stream.ReadAsync(buffer);
            var firstByte = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            while (read > 0)
            {
                read = await stream.ReadAsync(buffer);
            }

            if (i >= WarmUp)
            {
                first.Add(firstByte);
                last.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        first.Sort();
        last.Sort();
        return new StreamResult(Percentile.Of(first, 0.5), Percentile.Of(last, 0.5));
    }
}
