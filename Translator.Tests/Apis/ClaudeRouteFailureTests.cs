using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// The Claude route fails as a translated call does: Claude's errors reach the client as Claude
/// sent them, CLIProxyAPI's say what to configure; a silent stream ends at the idle timeout; a
/// client that leaves cancels the upstream call; and each call is one operation (span, metrics, line).
/// </summary>
public sealed class ClaudeRouteFailureTests : IClassFixture<ClaudeRouteFailureTests.Fixture>, IDisposable
{
    private const string Stream = "anthropic-stream-thinking-text.sse";

    private readonly Fixture _fixture;
    private readonly ScriptedUpstream _upstream;
    private readonly OperationRecorder _operations = new();

    public ClaudeRouteFailureTests(Fixture fixture)
    {
        _fixture = fixture;
        _upstream = fixture.Upstream;
        _upstream.Reset();
    }

    public sealed class Fixture : TranslatorFixture
    {
        public static readonly Dictionary<string, string?> Routes = new()
        {
            ["Translator:Models:Map:claude-route-errors"] = "claude",
            ["Translator:Models:Map:claude-route-abort"] = "claude",
            ["Translator:Models:Map:claude-route-spans"] = "claude:claude-opus-4-5",
            ["Translator:Models:Map:claude-route-idle"] = "claude",
        };

        protected override IReadOnlyDictionary<string, string?> Settings => Routes;
    }

    public void Dispose()
    {
        _operations.Dispose();
        _upstream.AssertNoViolations();
    }

    [Theory]
    [InlineData(529, "overloaded_error", "Overloaded")]
    [InlineData(400, "invalid_request_error", "messages.1.content: Input should be a valid list")]
    [InlineData(401, "authentication_error", "invalid x-api-key")]
    public async Task Claudes_error_reaches_the_client_as_claude_sent_it(int status, string type, string message)
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Error(status, type, message, ("request-id", "req_011CError")));
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: "claude-route-errors")));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(AnthropicReplies.EnvelopeOf(type, message), await response.Content.ReadAsStringAsync());
        Assert.Equal("req_011CError", response.Headers.GetValues("request-id").Single());
    }

    [Fact]
    public async Task Claudes_rate_limit_keeps_its_retry_after_and_rate_limit_headers()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Error(429, "rate_limit_error", "Number of requests has exceeded your rate limit.", ("retry-after", "30"), ("anthropic-ratelimit-requests-reset", "2026-12-06T01:00:00Z")));
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: "claude-route-errors")));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("2026-12-06T01:00:00Z", response.Headers.GetValues("anthropic-ratelimit-requests-reset").Single());
    }

    [Fact]
    public async Task A_model_cliproxyapi_has_no_claude_provider_for_gets_a_404_that_says_how_to_add_one()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.UnknownModel("claude-route-errors"));
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: "claude-route-errors", stream: true)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        Assert.Contains("claude-api-key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claude_stream_that_goes_silent_ends_with_a_timeout_error_event_at_the_idle_timeout()
    {
        var clock = new FakeTimeProvider();
        await using var app = new TranslatorApp(
            _upstream.BaseUrl,
            new Dictionary<string, string?>(Fixture.Routes) { ["Translator:Upstream:IdleTimeout"] = "00:00:02" },
            services => services.AddSingleton<TimeProvider>(clock));
        var never = new TaskCompletionSource();
        var events = AnthropicReplies.Events(Stream);
        _upstream.EnqueueAnthropic(UpstreamReply.Sse(SseStep.Raw(events[0]), SseStep.Raw(events[1]), SseStep.QuietUntil(never.Task)));
        using var http = app.CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(model: "claude-route-idle", stream: true));
        await sse.NextMatchingAsync(e => e.Name == "message_start");
        clock.Advance(TimeSpan.FromSeconds(2.1));
        var rest = await sse.ReadToEndAsync();

        Assert.Equal("error timeout_error", rest[^1].ToString());
        Assert.Contains("Translator:Upstream:IdleTimeout", rest[^1].Data.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_stream_cancels_the_claude_call()
    {
        var never = new TaskCompletionSource();
        var events = AnthropicReplies.Events(Stream);
        var reply = _upstream.EnqueueAnthropic(UpstreamReply.Sse(SseStep.Raw(events[0]), SseStep.Raw(events[1]), SseStep.Until(never.Task)));
        var http = _fixture.App.CreateHttpClient();

        var sse = await SseClient.PostAsync(http, Requests.Simple(model: "claude-route-abort", stream: true));
        await sse.NextMatchingAsync(e => e.Name == "message_start");
        await sse.DisposeAsync();
        http.Dispose();

        await reply.Aborted.WaitAsync(TimeSpan.FromSeconds(10));
        var (spans, _) = await _operations.EndedAsync("claude-route-abort");
        Assert.Equal("client_disconnected", Assert.Single(spans).GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_claude_call_is_one_operation_that_records_its_route_usage_and_stop_reason()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Stream(Stream));
        using var http = _fixture.App.CreateHttpClient();

        await using (var sse = await SseClient.PostAsync(http, Requests.Simple(model: "claude-route-spans", stream: true)))
        {
            await sse.ReadToEndAsync();
        }

        var (spans, durations) = await _operations.EndedAsync("claude-route-spans");
        var span = Assert.Single(spans);
        Assert.Equal(1, durations);
        Assert.Equal("anthropic", span.GetTagItem("translator.upstream.protocol"));
        Assert.Equal("anthropic", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("claude-sonnet-4-20250514", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("end_turn", span.GetTagItem("translator.stop_reason"));
        Assert.Equal(43L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(282L, span.GetTagItem("gen_ai.usage.output_tokens"));
        var line = Assert.Single(_fixture.App.CallLines("claude-route-spans"));
        Assert.Equal("anthropic", line.GetStructuredStateValue("Protocol"));
        Assert.Equal("claude-opus-4-5", System.Text.Json.JsonDocument.Parse(Assert.Single(_upstream.AnthropicRequests).Body).RootElement.GetProperty("model").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
