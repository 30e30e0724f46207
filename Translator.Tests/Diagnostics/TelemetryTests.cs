using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Diagnostics;

/// <summary>Traces and metrics as the Aspire dashboard receives them, read from OpenTelemetry's in-memory exporters.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<Metric> _metrics = new();
    private ScriptedUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await ScriptedUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        _upstream.AssertNoViolations();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Traces_a_non_streamed_call_with_genai_attributes_steps_and_events_but_no_content()
    {
        await using var app = App();
        _upstream.Enqueue(UpstreamReply.Json(Completion("Bonjour", promptTokens: 30, completionTokens: 4, cachedTokens: 10)));

        await Post(app, """{"model":"claude-telemetry-plain","max_tokens":50,"messages":[{"role":"user","content":"Say hello in French"}]}""");

        var chat = await SpanAsync("chat claude-telemetry-plain");
        Assert.Equal(ActivityKind.Client, chat.Kind);
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", chat.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("claude-telemetry-plain", chat.GetTagItem("gen_ai.request.model"));
        Assert.Equal("gpt-5.1-2025-11-13", chat.GetTagItem("gen_ai.response.model"));
        Assert.Equal(30L, chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(4L, chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(["stop"], (string[])chat.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Contains(chat.Events, e => e.Name == "translator.upstream.first_byte");
        Assert.Contains(chat.Events, e => e.Name == "translator.client.first_byte");
        Assert.Null(chat.GetTagItem("gen_ai.input.messages"));
        Assert.Null(chat.GetTagItem("gen_ai.output.messages"));

        // The translator's server span is the parent; the upstream's own server span joins the same trace.
        var server = await SpanAsync(s => s.SpanId == chat.ParentSpanId);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("/v1/messages", server.GetTagItem("http.route"));
        var children = _spans.Snapshot().Where(s => s.ParentSpanId == chat.SpanId).ToList();
        Assert.Contains(children, s => s.DisplayName == "translate request");
        Assert.Contains(children, s => s.DisplayName == "translate response");
        Assert.Contains(children, s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client);
        Assert.DoesNotContain("Say hello in French", string.Join(" ", _spans.Snapshot().Where(s => s.TraceId == chat.TraceId).SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString())));
    }

    [Fact]
    public async Task Traces_a_streamed_call_and_records_the_latency_metrics()
    {
        await using var app = App();
        _upstream.Enqueue(Stream(TextChunk("Bon"), TextChunk("jour"), FinishChunk("stop"), UsageChunk(25, 3)));

        await Post(app, """{"model":"claude-telemetry-stream","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}""");

        var chat = await SpanAsync("chat claude-telemetry-stream");
        Assert.Equal(true, chat.GetTagItem("translator.stream"));
        Assert.Equal(25L, chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Contains(_spans.Snapshot(), s => s.DisplayName == "translate stream" && s.ParentSpanId == chat.SpanId);
        Assert.Contains(chat.Events, e => e.Name == "translator.client.first_byte");

        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var points = Points("claude-telemetry-stream");
        Assert.Contains("gen_ai.client.operation.duration", points.Keys);
        Assert.Contains("gen_ai.server.time_to_first_token", points.Keys);
        Assert.Contains("translator.overhead", points.Keys);
        Assert.Equal(["input", "output"], points["gen_ai.client.token.usage"].Select(p => Tag(p, "gen_ai.token.type")).Order());
        var overhead = Assert.Single(points["translator.overhead"]);
        Assert.Equal("/v1/messages", Tag(overhead, "http.route"));
        Assert.Equal("chat", Tag(overhead, "translator.upstream.protocol"));
        Assert.Equal(1, overhead.GetHistogramCount());

        // The overhead is the duration less the upstream's share: some, but not all, of it. The
        // metric is the span's figure as computed (so not a negative one floored to zero).
        var duration = Assert.Single(points["gen_ai.client.operation.duration"]).GetHistogramSum();
        var overheadSeconds = (double)chat.GetTagItem("translator.overhead_ms")! / 1000;
        Assert.True(overheadSeconds > 0 && overheadSeconds < duration, $"overhead {overheadSeconds} s of a {duration} s call");
        Assert.Equal(overheadSeconds, overhead.GetHistogramSum(), 1e-9);
    }

    [Fact]
    public async Task Records_prompts_and_completions_only_when_content_capture_is_on()
    {
        await using var app = App(("Translator:Telemetry:CaptureContent", "true"));
        _upstream.Enqueue(UpstreamReply.Json(Completion("Bonjour")));
        _upstream.Enqueue(Stream(TextChunk("Salut"), FinishChunk("stop"), UsageChunk(5, 1)));

        await Post(app, """{"model":"claude-telemetry-capture","max_tokens":50,"messages":[{"role":"user","content":"Say hello in French"}]}""");
        await Post(app, """{"model":"claude-telemetry-capture-stream","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Say hi"}]}""");

        var plain = await SpanAsync("chat claude-telemetry-capture");
        var streamed = await SpanAsync("chat claude-telemetry-capture-stream");
        Assert.Contains("Say hello in French", (string)plain.GetTagItem("gen_ai.input.messages")!);
        Assert.Contains("Bonjour", (string)plain.GetTagItem("gen_ai.output.messages")!);
        Assert.Contains("Say hi", (string)streamed.GetTagItem("gen_ai.input.messages")!);
        Assert.Equal("Salut", streamed.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task Records_the_request_fields_it_drops_on_the_call_span()
    {
        await using var app = App();
        _upstream.Enqueue(UpstreamReply.Json(Completion("Ok")));

        await Post(app, """
            {"model":"claude-telemetry-dropped","max_tokens":50,"top_k":5,"service_tier":"auto",
             "messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"Notes."},"citations":{"enabled":true}},{"type":"text","text":"Summarise."}]}]}
            """);

        var chat = await SpanAsync("chat claude-telemetry-dropped");
        Assert.Equal(["top_k", "service_tier", "citations"], (string[])chat.GetTagItem("translator.dropped_fields")!);
    }

    [Fact]
    public async Task A_schema_sent_without_strict_mode_is_named_on_the_span()
    {
        await using var app = App();
        _upstream.Enqueue(UpstreamReply.Json(Completion("""{"city":"Paris"}""")));

        await Post(app, """
            {"model":"claude-telemetry-loose","max_tokens":50,"messages":[{"role":"user","content":"Where?"}],
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"city":{"type":"string","minLength":2}}}}}}
            """);

        var chat = await SpanAsync("chat claude-telemetry-loose");
        Assert.Equal("output_config.format", chat.GetTagItem("translator.strict_schema_fallback"));
    }

    [Fact]
    public async Task A_fallen_back_call_shows_its_route_each_attempt_both_hops_and_counts_the_fallback()
    {
        await using var app = App(("Translator:Models:Map:claude-telemetry-fallback", "gpt-5.5,gpt-5.4"));
        _upstream.Enqueue(UpstreamReply.Error(503, "The engine is currently overloaded.", "server_overloaded"));
        _upstream.Enqueue(UpstreamReply.Json(Completion("Bonjour")));

        await Post(app, """{"model":"claude-telemetry-fallback","max_tokens":50,"messages":[{"role":"user","content":"Say hello"}]}""");

        var chat = await SpanAsync("chat claude-telemetry-fallback");
        Assert.Equal("gpt-5.5,gpt-5.4", chat.GetTagItem("translator.route"));
        Assert.Equal("gpt-5.4", chat.GetTagItem("translator.upstream.model"));
        var attempts = chat.Events.Where(e => e.Name == "translator.attempt").Select(e => e.Tags.ToDictionary(t => t.Key, t => t.Value)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(("gpt-5.5", "fell_through", "server_error", 529), ((string)attempts[0]["translator.target"]!, (string)attempts[0]["translator.attempt.outcome"]!, (string)attempts[0]["translator.fallback.reason"]!, (int)attempts[0]["http.response.status_code"]!));
        Assert.Equal(("gpt-5.4", "answered"), ((string)attempts[1]["translator.target"]!, (string)attempts[1]["translator.attempt.outcome"]!));

        // Both upstream calls are hops of the call's span, so the dashboard's trace shows them.
        var hops = _spans.Snapshot().Where(s => s.ParentSpanId == chat.SpanId && s.Source.Name == "System.Net.Http").ToList();
        Assert.Equal(2, hops.Count);

        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var fallback = Assert.Single(Points("claude-telemetry-fallback")["translator.fallbacks"]);
        Assert.Equal("server_error", Tag(fallback, "translator.fallback.reason"));
        Assert.Equal(1, fallback.GetSumLong());

        var line = Assert.Single(app.CallLines("claude-telemetry-fallback"));
        Assert.EndsWith(" after gpt-5.5 server_error", line.Message);
    }

    private TranslatorApp App(params (string Key, string Value)[] settings) => new(
        _upstream.BaseUrl,
        settings.ToDictionary(s => s.Key, s => (string?)s.Value),
        services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(_spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics)));

    private static async Task Post(TranslatorApp app, string body)
    {
        using var http = app.CreateHttpClient();
        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await response.Content.ReadAsStringAsync();
    }

    private Task<Activity> SpanAsync(string name) => SpanAsync(s => s.DisplayName == name);

    /// <summary>Spans are exported when they end; the server span ends just after the response.</summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> predicate)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_spans.Snapshot().FirstOrDefault(predicate) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("No such span among: " + string.Join(", ", _spans.Snapshot().Select(s => s.DisplayName)));
    }

    /// <summary>The points of every translator metric that belong to one requested model.</summary>
    private Dictionary<string, List<MetricPoint>> Points(string requestedModel)
    {
        var result = new Dictionary<string, List<MetricPoint>>();
        foreach (var metric in _metrics.Snapshot().Where(m => m.MeterName == "Translator.Api"))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Tag(point, "gen_ai.request.model") == requestedModel)
                {
                    (result.TryGetValue(metric.Name, out var list) ? list : result[metric.Name] = []).Add(point);
                }
            }
        }

        return result;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
