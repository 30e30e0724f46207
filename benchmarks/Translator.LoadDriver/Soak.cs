using System.Diagnostics;
using System.Text;
using Translator.Traffic;

namespace Translator.LoadDriver;

/// <summary>
/// The full soak of issue 8 against the real translator process: mixed requests (answers, streams,
/// tool calls, rate limits, clients that leave mid-stream) at concurrency 64. It reports unexpected
/// results, and the translator's memory and open descriptors after a warm-up and at the end.
/// </summary>
internal static class Soak
{
    private const int WarmUp = 2000;

    public static async Task<string> RunAsync(string translatorUrl, Process translator, int requests)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, MaxResponseDrainSize = 0 })
        {
            BaseAddress = new Uri(translatorUrl),
            Timeout = TimeSpan.FromMinutes(1),
        };

        Console.Error.WriteLine($"soak: warming up with {WarmUp} requests");
        await MixedTraffic.RunAsync(http, WarmUp);
        await Task.Delay(2000);
        var rssBefore = Process.GetProcessById(translator.Id).WorkingSet64;
        var descriptorsBefore = Descriptors(translator);

        // In five parts, reading the memory after each: flat means it levels off, not just ends low.
        Console.Error.WriteLine($"soak: {requests} requests at concurrency {MixedTraffic.Concurrency}");
        var started = Stopwatch.StartNew();
        var unexpected = new List<string>();
        var rssAfterPart = new List<long>();
        for (var part = 0; part < 5; part++)
        {
            unexpected.AddRange(await MixedTraffic.RunAsync(http, requests / 5));
            rssAfterPart.Add(Process.GetProcessById(translator.Id).WorkingSet64);
        }

        var elapsed = started.Elapsed;

        // Connections of clients that left close asynchronously; let them settle (bounded).
        for (var waited = 0; waited < 100 && Descriptors(translator) > descriptorsBefore + MixedTraffic.Concurrency; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000);
        var rssAfter = Process.GetProcessById(translator.Id).WorkingSet64;
        var descriptorsAfter = Descriptors(translator);

        var report = new StringBuilder();
        report.AppendLine($"Soak: {requests} mixed requests ({string.Join(", ", MixedTraffic.Models)}) at concurrency {MixedTraffic.Concurrency}, after {WarmUp} to warm up; {Environment.ProcessorCount} cores; .NET {Environment.Version}.");
        report.AppendLine();
        report.AppendLine("| soak | value |");
        report.AppendLine("|---|---:|");
        report.AppendLine($"| requests | {requests} |");
        report.AppendLine($"| unexpected results | {unexpected.Count} |");
        report.AppendLine($"| duration s | {elapsed.TotalSeconds:0.0} |");
        report.AppendLine($"| requests/s | {requests / elapsed.TotalSeconds:0} |");
        report.AppendLine($"| translator RSS after warm-up MB | {rssBefore / 1048576.0:0.0} |");
        report.AppendLine($"| translator RSS after each fifth MB | {string.Join(" / ", rssAfterPart.Select(r => (r / 1048576.0).ToString("0.0")))} |");
        report.AppendLine($"| translator RSS at the end MB | {rssAfter / 1048576.0:0.0} |");
        report.AppendLine($"| RSS change | {(rssAfter - rssBefore) * 100.0 / rssBefore:+0.0;-0.0}% |");
        report.AppendLine($"| translator open descriptors after warm-up | {descriptorsBefore} |");
        report.AppendLine($"| translator open descriptors at the end | {descriptorsAfter} |");
        foreach (var problem in unexpected.Take(10))
        {
            report.AppendLine($"- {problem}");
        }

        return report.ToString();
    }

    private static int Descriptors(Process process) => Directory.GetFiles($"/proc/{process.Id}/fd").Length;
}
