using System.Net;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;
using Xunit.Abstractions;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Reliability;

/// <summary>
/// Mixed traffic at concurrency 64: answers, streams, tool calls, upstream errors and clients that
/// leave mid-stream. Nothing unexpected happens, no sockets are left open, memory stays flat.
/// CI runs 2,000 requests; <c>SOAK_REQUESTS=10000</c> runs the full count.
/// </summary>
[Collection(MeasuresMemory.Name)]
public sealed class SoakTests(SoakTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<SoakTests.Fixture>
{
    /// <summary>
    /// Logs at Warning and above only: the test's log collector keeps every record it is given
    /// (about 1.2 KB per request at Debug), which would be measured as the translator's growth.
    /// </summary>
    public sealed class Fixture : TranslatorFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
    }

    private const int Concurrency = 64;
    private static readonly string[] Kinds = ["soak-text", "soak-stream", "soak-tools", "soak-429", "soak-leave"];

    [Fact]
    public async Task Serves_mixed_traffic_without_leaks_or_unexpected_errors()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("SOAK_REQUESTS"), out var n) ? n : 2_000;
        var never = new TaskCompletionSource();
        var upstream = fixture.Upstream;
        upstream.Reset();
        upstream.RecordRequests = false;
        upstream.Responder = body => body.GetProperty("model").GetString() switch
        {
            "soak-text" => UpstreamReply.Json(Completion("Plain answer.")),
            "soak-stream" => Stream([.. Enumerable.Range(0, 20).Select(i => TextChunk($"word{i} ")), FinishChunk("stop"), UsageChunk(30, 20)]),
            "soak-tools" => Stream(ToolCallChunk(0, "call_1", "get_time", "{\"city\":"), ToolCallChunk(0, null, null, "\"Paris\"}"), FinishChunk("tool_calls"), UsageChunk(30, 8)),
            "soak-429" => UpstreamReply.Error(429, "Slow down", "rate_limit_exceeded"),
            _ => UpstreamReply.Sse(SseStep.Data(TextChunk("Hel")), SseStep.Until(never.Task)),
        };
        using var http = fixture.App.CreateHttpClient();

        await RunAsync(http, 256);

        // The test's log collector keeps every record; it must not count as the translator's memory.
        fixture.App.Logs.Clear();
        var socketsBefore = OpenFileDescriptors();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var unexpected = await RunAsync(http, requests);

        // Sockets of abandoned streams close asynchronously: wait (bounded) for them to settle.
        for (var waited = 0; waited < 50 && OpenFileDescriptors() - socketsBefore > Concurrency; waited++)
        {
            await Task.Delay(100);
        }

        Assert.DoesNotContain(fixture.App.Logs.GetSnapshot(), r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        fixture.App.Logs.Clear();
        var socketsAfter = OpenFileDescriptors();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        upstream.Responder = null;
        upstream.RecordRequests = true;

        output.WriteLine($"{requests} requests: managed memory {memoryBefore / 1024} KB -> {memoryAfter / 1024} KB, open descriptors {socketsBefore} -> {socketsAfter}");
        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(10)));
        upstream.AssertNoViolations();
        // Connection pools may settle at another size (replaced connections, idle ones kept for a
        // minute), but nothing may accumulate per request: a socket left by each of the 400
        // abandoned streams would be hundreds more.
        Assert.True(socketsAfter - socketsBefore <= Concurrency, $"open descriptors went from {socketsBefore} to {socketsAfter}");
        Assert.True(memoryAfter <= memoryBefore * 1.2, $"memory went from {memoryBefore / 1024} KB to {memoryAfter / 1024} KB");
    }

    private static async Task<System.Collections.Concurrent.ConcurrentQueue<string>> RunAsync(HttpClient http, int count)
    {
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<string>();
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
                catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
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
        var stream = kind is "soak-stream" or "soak-tools" or "soak-leave";
        var body = $$$"""{"model":"{{{kind}}}","max_tokens":100,"stream":{{{(stream ? "true" : "false")}}},"tools":[{"name":"get_time","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Go"}]}""";
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        if (kind == "soak-429")
        {
            var error = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.TooManyRequests && error.Contains("rate_limit_error") ? null : $"{response.StatusCode} {error}";
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        if (kind == "soak-leave")
        {
            // Read up to the first text, then go away mid-stream.
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.Contains("text_delta", StringComparison.Ordinal))
            {
            }

            leave.Cancel();
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        return kind switch
        {
            "soak-text" => text.Contains("Plain answer.") ? null : text,
            "soak-stream" => text.Contains("word19") && text.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", StringComparison.Ordinal) ? null : text,
            _ => text.Contains("\"stop_reason\":\"tool_use\"") ? null : text,
        };
    }

    private static int OpenFileDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
}
