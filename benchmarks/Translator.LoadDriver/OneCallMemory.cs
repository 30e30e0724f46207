using System.Diagnostics;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// What one large call leaves behind (issue 28): for each case a fresh translator, warmed up with
/// small calls, then one call; its RSS before, its peak during the call (VmHWM, reset before it)
/// and a while (10 s unless told) after the call ended, with nothing else happening.
/// </summary>
internal static class OneCallMemory
{
    private const string Small = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";

    /// <summary>The cases: a name, the path, a body builder and the upstream model that answers it.</summary>
    private static readonly (string Name, string Path, Func<string> Body)[] Cases =
    [
        ("non-streamed answer of 8 MiB - 4 KiB (at the default limit)", "/v1/messages", () => Call($"huge-answer-{(8 * 1024 * 1024) - 4096}", stream: false)),
        ("non-streamed answer of 64 MiB - 4 KiB (the old limit)", "/v1/messages", () => Call($"huge-answer-{(64 * 1024 * 1024) - 4096}", stream: false)),
        ("SSE line of 8 MiB - 4 KiB (at the default limit)", "/v1/messages", () => Call($"huge-line-{(8 * 1024 * 1024) - 4096}", stream: true)),
        ("SSE line of 16 MiB - 4 KiB (the old limit)", "/v1/messages", () => Call($"huge-line-{(16 * 1024 * 1024) - 4096}", stream: true)),
        ("count_tokens of a 32 MB one-word request", "/v1/messages/count_tokens", OneWord),
    ];

    public static async Task<string> RunAsync(ServerProcess upstream, DriverOptions options)
    {
        var rows = new List<string>
        {
            $"| call | status | RSS before MB | peak MB | {options.SettleSeconds} s after MB | seconds |",
            "|---|---|---|---|---|---|",
        };
        using (var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }))
        {
            await upstream.WaitUntilUpAsync(probe, UpstreamWire.Chat.Path, UpstreamWire.Chat.CompleteBody);
        }

        foreach (var (build, wire) in options.Builds.SelectMany(b => options.Wires.Select(w => (b, w))))
        {
            foreach (var (name, path, body) in Cases.Where(c => options.OnlyCases is null || c.Name.Contains(options.OnlyCases, StringComparison.Ordinal)))
            {
                using var translator = ServerProcess.StartTranslator(upstream, wire, build, options.TranslatorEnvironment);
                using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(5) };
                await translator.WaitUntilUpAsync(http, "/health");
                await SendAsync(http, translator.Url + "/v1/messages", Small);
                await SendAsync(http, translator.Url + "/v1/messages", Small.Replace("\"messages\"", "\"stream\":true,\"messages\"", StringComparison.Ordinal));
                await SendAsync(http, translator.Url + "/v1/messages/count_tokens", Small);
                var content = body();
                await Task.Delay(2000);

                var before = ProcSampler.Memory(translator.Id).Rss;
                ProcSampler.ResetPeakRss(translator.Id);
                var timer = Stopwatch.StartNew();
                var status = await SendAsync(http, translator.Url + path, content);
                var seconds = timer.Elapsed.TotalSeconds;
                var peak = ProcSampler.Memory(translator.Id).PeakRss;
                await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
                var after = ProcSampler.Memory(translator.Id).Rss;
                var row = $"| {build.Name} {wire.Protocol}: {name} | {status} | {before:0} | {peak:0} | {after:0} | {seconds:0.0} |";
                Console.Error.WriteLine(row);
                rows.Add(row);
            }
        }

        return string.Join(Environment.NewLine, rows);
    }

    private static string Call(string model, bool stream) =>
        $$"""{"model":"{{model}}","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hello"}]}""";

    private static string OneWord() =>
        $$"""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"{{new string('a', 32_000_000)}}"}]}""";

    /// <summary>Sends one call and reads its answer to the end; the status, and for a stream whether it ended in an error event.</summary>
    private static async Task<string> SendAsync(HttpClient http, string url, string body)
    {
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return text.Contains("event: error", StringComparison.Ordinal) ? $"{(int)response.StatusCode} + error event" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
