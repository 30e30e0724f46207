using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// The full soak of issue 8 against the real translator process: mixed requests (answers, streams,
/// tool calls, rate limits, clients that leave mid-stream) at concurrency 64. It reports unexpected
/// results, and the translator's memory and open descriptors after a warm-up and at the end.
/// </summary>
internal static class Soak
{
    private const int Concurrency = 64;
    private const int WarmUp = 2000;

    private static readonly string[] Kinds = ["text", "stream", "tools", "429", "leave"];

    public static async Task<string> RunAsync(string translatorUrl, Process translator, int requests)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, MaxResponseDrainSize = 0 })
        {
            BaseAddress = new Uri(translatorUrl),
            Timeout = TimeSpan.FromMinutes(1),
        };

        Console.Error.WriteLine($"soak: warming up with {WarmUp} requests");
        await RunAsync(http, WarmUp);
        await Task.Delay(2000);
        var rssBefore = Process.GetProcessById(translator.Id).WorkingSet64;
        var descriptorsBefore = Descriptors(translator);

        // In five parts, reading the memory after each: flat means it levels off, not just ends low.
        Console.Error.WriteLine($"soak: {requests} requests at concurrency {Concurrency}");
        var started = Stopwatch.StartNew();
        var unexpected = new List<string>();
        var rssAfterPart = new List<long>();
        for (var part = 0; part < 5; part++)
        {
            unexpected.AddRange(await RunAsync(http, requests / 5));
            rssAfterPart.Add(Process.GetProcessById(translator.Id).WorkingSet64);
        }

        var elapsed = started.Elapsed;

        // Connections of clients that left close asynchronously; let them settle (bounded).
        for (var waited = 0; waited < 100 && Descriptors(translator) > descriptorsBefore + Concurrency; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000);
        var rssAfter = Process.GetProcessById(translator.Id).WorkingSet64;
        var descriptorsAfter = Descriptors(translator);

        var report = new StringBuilder();
        report.AppendLine($"Soak: {requests} mixed requests ({string.Join(", ", Kinds)}) at concurrency {Concurrency}, after {WarmUp} to warm up; {Environment.ProcessorCount} cores; .NET {Environment.Version}.");
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

    private static async Task<ConcurrentQueue<string>> RunAsync(HttpClient http, int count)
    {
        var unexpected = new ConcurrentQueue<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var kind = Kinds[i % Kinds.Length];
                try
                {
                    if (await OneAsync(http, kind) is { } problem)
                    {
                        unexpected.Enqueue($"{kind} #{i}: {problem}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    unexpected.Enqueue($"{kind} #{i}: {e.GetType().Name} {e.Message}");
                }
            }
        }));
        return unexpected;
    }

    /// <summary>One request of a kind; null when it went as it should.</summary>
    private static async Task<string?> OneAsync(HttpClient http, string kind)
    {
        var (model, stream) = kind switch
        {
            "text" => ("claude-sonnet-4-5", false),
            "stream" => ("claude-sonnet-4-5", true),
            "tools" => ("soak-tools", true),
            "429" => ("soak-429", false),
            _ => ("hold-60000", true),
        };
        var body = $$$"""{"model":"{{{model}}}","max_tokens":100,"stream":{{{(stream ? "true" : "false")}}},"tools":[{"name":"get_time","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Go"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (kind == "429")
        {
            var error = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.TooManyRequests && error.Contains("rate_limit_error") ? null : $"{response.StatusCode} {error}";
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        if (kind == "leave")
        {
            // Read up to the first text, then go away mid-stream (disposing closes the connection).
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.Contains("text_delta", StringComparison.Ordinal))
            {
            }

            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        var ok = kind switch
        {
            "text" => text.Contains("Hello! How can I help you today?"),
            "stream" => text.Contains("word49") && text.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", StringComparison.Ordinal),
            _ => text.Contains("\"stop_reason\":\"tool_use\"") && text.Contains("Paris"),
        };
        return ok ? null : text;
    }

    private static int Descriptors(Process process) => Directory.GetFiles($"/proc/{process.Id}/fd").Length;
}
