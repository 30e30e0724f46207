using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Diagnostics;

/// <summary>
/// What a user reads at the default log level: one line per translated call that says which model
/// served it and how it went, the same fields on the call's span, and no line per attempt or per
/// request from Polly and HttpClient around it. (Every ending: <see cref="Forwarding.CallLifetimeTests"/>.)
/// </summary>
public sealed class CallLogTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();
    private readonly OperationRecorder _operations = new();

    public static TheoryData<string, bool> Calls => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public void Dispose()
    {
        _operations.Dispose();
        _upstream.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_call_leaves_one_line_naming_the_model_that_served_it_and_its_span_carries_the_same_fields(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var model = $"claude-call-log-{dialect}-{(stream ? "stream" : "complete")}";
        var answer = new Answer("Bonjour.", Input: 12_345, Output: 678, Cached: 11_000);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        var app = fixture.AppFor(upstream);

        var requestId = await PostAsync(app, Requests.Simple(model: model, stream: stream));
        var (spans, _) = await _operations.EndedAsync(model);

        var served = dialect == "chat" ? "gpt-5.1-2025-11-13" : "gpt-5.1-codex-2025-11-13";
        var line = Assert.Single(app.CallLines(model));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches(
            $@"^POST /v1/messages {requestId} {Regex.Escape(model)} -> {Regex.Escape(served)} \({dialect}, {(stream ? "stream" : "non-stream")}\) 200 end_turn in=12,345 out=678 cached=11,000{(stream ? @" ttft=[\d,]+ ms" : "")} [\d.]+ s$",
            line.Message);
        Assert.Equal(requestId, line.GetStructuredStateValue("RequestId"));
        Assert.Equal(served, line.GetStructuredStateValue("UpstreamModel"));
        Assert.Equal(dialect, line.GetStructuredStateValue("Protocol"));
        Assert.Equal("200", line.GetStructuredStateValue("StatusCode"));
        Assert.Equal("end_turn", line.GetStructuredStateValue("Outcome"));
        Assert.Equal("12345", line.GetStructuredStateValue("InputTokens"));
        Assert.Equal("678", line.GetStructuredStateValue("OutputTokens"));
        Assert.Equal("11000", line.GetStructuredStateValue("CachedTokens"));
        Assert.Equal("0", line.GetStructuredStateValue("Retries"));
        Assert.Equal(stream, line.GetStructuredStateValue("TimeToFirstTokenMs") != "0");

        var span = Assert.Single(spans);
        Assert.Equal(requestId, span.GetTagItem("translator.request.id"));
        Assert.Equal(served, span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(dialect, span.GetTagItem("translator.upstream.protocol"));
        Assert.Equal(stream, span.GetTagItem("translator.stream"));
        Assert.Equal(200, span.GetTagItem("translator.client.status_code"));
        Assert.Equal("end_turn", span.GetTagItem("translator.stop_reason"));
        Assert.Equal(12_345L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(678L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(11_000L, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(0, span.GetTagItem("translator.upstream.retries"));
        Assert.Equal(stream, span.GetTagItem("translator.time_to_first_token_ms") is double);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task An_upstream_error_is_one_line_with_the_status_and_error_type_the_client_got(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var model = $"claude-call-log-{dialect}-error";
        _upstream.Enqueue(UpstreamReply.Error(429, "Slow down.", "rate_limit_exceeded"));
        var app = fixture.AppFor(upstream);

        var requestId = await PostAsync(app, Requests.Simple(model: model));
        var (spans, _) = await _operations.EndedAsync(model);

        var line = Assert.Single(app.CallLines(model));
        Assert.Matches($@"^POST /v1/messages {requestId} {Regex.Escape(model)} -> \S+ \({dialect}, non-stream\) 429 rate_limit_error in=0 out=0 cached=0 [\d.]+ s$", line.Message);
        var span = Assert.Single(spans);
        Assert.Equal(429, span.GetTagItem("translator.client.status_code"));
        Assert.Equal("rate_limit_error", span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_retried_call_is_one_line_that_counts_the_retry_and_Polly_writes_nothing_below_Warning()
    {
        var model = "claude-call-log-retried";
        _upstream.Enqueue(UpstreamReply.Error(503, "No auth available.", "server_error"));
        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Second time lucky.")));
        var app = fixture.AppFor(UpstreamDialect.Chat);

        await PostAsync(app, Requests.Simple(model: model));
        var (spans, _) = await _operations.EndedAsync(model);

        var line = Assert.Single(app.CallLines(model));
        Assert.EndsWith(" retries=1", line.Message);
        Assert.Equal("1", line.GetStructuredStateValue("Retries"));
        Assert.Equal(1, Assert.Single(spans).GetTagItem("translator.upstream.retries"));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Category == "Polly" && r.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task Polly_and_HttpClient_log_nothing_below_Warning_by_default_and_configuration_can_lower_them()
    {
        await using var quiet = new TranslatorApp(_upstream.BaseUrl);
        await using var verbose = new TranslatorApp(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Polly"] = "Information",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Information",
        });

        await RequestThroughStandardClientAsync(quiet);
        await RequestThroughStandardClientAsync(verbose);

        Assert.DoesNotContain(quiet.Logs.GetSnapshot(), IsHttpClientChatter);
        Assert.Contains(verbose.Logs.GetSnapshot(), r => r.Category == "Polly" && r.Message.StartsWith("Execution attempt", StringComparison.Ordinal));
        Assert.Contains(verbose.Logs.GetSnapshot(), r => r.Category?.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// A request through a client with ServiceDefaults' standard resilience handler and the factory's
    /// logging, as the OTLP exporter's clients are (they export about once a second under Aspire).
    /// </summary>
    private async Task RequestThroughStandardClientAsync(TranslatorApp app)
    {
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("standard");
        using var response = await client.GetAsync(_upstream.BaseUrl + "/models");
        response.EnsureSuccessStatusCode();
    }

    private static bool IsHttpClientChatter(FakeLogRecord record) =>
        record is { Level: < LogLevel.Warning, Category: { } category }
        && (category == "Polly"
            || category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)
            || category.StartsWith("Microsoft.Extensions.Http", StringComparison.Ordinal)
            || category.StartsWith("Microsoft.Extensions.Resilience", StringComparison.Ordinal));

    /// <summary>Posts a call and returns its request id.</summary>
    private static async Task<string> PostAsync(TranslatorApp app, string body)
    {
        using var http = app.CreateHttpClient();
        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();
        return Assert.Single(response.Headers.GetValues("request-id"));
    }
}
