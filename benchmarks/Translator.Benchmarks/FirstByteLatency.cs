using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Translator.Api.Anthropic;
using Translator.Api.Apis;
using Translator.Api.Extensions;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;

namespace Translator.Benchmarks;

/// <summary>
/// The time to the first streamed byte of a large request, through the translator hosted in this
/// process (its own services and pipeline, on Kestrel at 127.0.0.1) in front of an upstream that
/// answers at once. A streamed request is counted for message_start before its answer can begin:
/// each request is timed with a text the counter has not seen (counted) and then again with the
/// text it has just counted (remembered: hashed, not counted), which is the same request without the counting.
/// </summary>
internal static class FirstByteLatency
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(string.Concat(
        """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"content":"Done."},"finish_reason":null}]}""" + "\n\n",
        """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n",
        """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":200000,"completion_tokens":2,"total_tokens":200002}}""" + "\n\ndata: [DONE]\n\n"));

    public static async Task PrintAsync(int runs)
    {
        await using var upstream = await StartUpstreamAsync();
        await using var translator = await StartTranslatorAsync(upstream.Urls.First() + "/v1");
        using var http = new HttpClient { BaseAddress = new Uri(translator.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };

        // Claude Code's first turn (about 11,000 tokens) with about 189,000 tokens of source code pasted into it.
        var code = Workloads.SourceCode(870_000);
        var request = JsonSerializer.Deserialize(Request(code), AnthropicJsonContext.Default.MessagesRequest)!;
        Console.WriteLine($"the large request: {new TokenCounter().Count(request, OutputPlan.For(request), MessageLayout.Chat):N0} tokens, of which source code {new TokenCounter().Count(code):N0}");
        Console.WriteLine("| request | counted: first byte, median ms | remembered: first byte, median ms | runs |");
        Console.WriteLine("|---|---:|---:|---:|");
        await MeasureAsync(http, "Claude Code's first turn + 200,000 tokens of source code", run => $"// run {run}\n{code}", runs);
        await MeasureAsync(http, "one word of 100,000 letters", run => Workloads.Word(100_000, seed: run), runs);
    }

    private static async Task MeasureAsync(HttpClient http, string name, Func<int, string> text, int runs)
    {
        var counted = new List<double>();
        var remembered = new List<double>();

        // Run 0 warms both paths up; each later run sends a text new to the counter, then the same again.
        for (var run = 0; run <= runs; run++)
        {
            var body = Request(text(run));
            var first = await FirstByteAsync(http, body);
            var again = await FirstByteAsync(http, body);
            if (run > 0)
            {
                counted.Add(first);
                remembered.Add(again);
            }
        }

        Console.WriteLine($"| {name} | {Median(counted):F1} | {Median(remembered):F1} | {runs} |");
    }

    private static byte[] Request(string text)
    {
        var body = Workloads.RecordedRequest("claude-code-2.1.332-request-first-turn.json");
        body["stream"] = true;
        body["messages"]![0]!["content"]!.AsArray().Add(new JsonObject { ["type"] = "text", ["text"] = text });
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static async Task<double> FirstByteAsync(HttpClient http, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/v1/messages", content, CancellationToken.None);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var first = new byte[1];
        if (await stream.ReadAsync(first) != 1 || !response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The translator answered {(int)response.StatusCode} with no stream.");
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await stream.CopyToAsync(Stream.Null);
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static async Task<WebApplication> StartUpstreamAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(Answer);
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<WebApplication> StartTranslatorAsync(string upstreamBaseUrl)
    {
        var builder = WebApplication.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--Translator:Upstream:BaseUrl", upstreamBaseUrl, "--Logging:LogLevel:Default", "Error"]);
        builder.AddServiceDefaults();
        builder.AddTranslator();
        var app = builder.Build();
        app.UseTranslator().MapMessagesApi();
        await app.StartAsync();
        return app;
    }
}
