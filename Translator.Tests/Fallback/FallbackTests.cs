using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Fallback;

/// <summary>
/// A route of several targets, through the official Anthropic SDK where the client matters: a
/// target that fails before anything reached the client leaves the request to the next one; a
/// target out of quota rests until its reset; no target is called twice; and when none is left,
/// the client learns when to come back.
/// </summary>
public sealed class FallbackTests(FallbackFixture fixture) : IClassFixture<FallbackFixture>, IDisposable
{
    /// <summary>CLIProxyAPI with no usable login for the model (sdk/api/handlers/handlers_errors.go).</summary>
    private const string NoAuthAvailable =
        """{"error":{"message":"auth_unavailable: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}""";

    private readonly ScriptedUpstream _upstream = fixture.Reset();

    public static readonly string[] FailureKinds =
    [
        "rate limit", "codex quota", "401", "403", "500", "503", "auth_unavailable", "model_not_found", "connection reset", "early stream error",
    ];

    public static TheoryData<string, bool, string> Failures()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var dialect in new[] { "chat", "responses" })
        {
            foreach (var stream in new[] { false, true })
            {
                foreach (var kind in FailureKinds.Where(k => stream || k != "early stream error"))
                {
                    data.Add(dialect, stream, kind);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_target_that_fails_before_the_first_byte_leaves_the_request_to_the_next(string dialect, bool stream, string kind)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(Failure(kind, upstream, fixture.Clock.GetUtcNow()));
        _upstream.Enqueue(Answer(upstream, stream, "From the second target."));

        var text = await AskAsync(fixture.AppFor(upstream), "claude-two", stream);

        Assert.Equal("From the second target.", text);
        Assert.Equal(["gpt-5.5", "gpt-5.4"], Models());
    }

    [Theory]
    [InlineData("chat", false)]
    [InlineData("responses", true)]
    public async Task A_target_that_sends_no_headers_in_time_leaves_the_request_to_the_next(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var hang = _upstream.Enqueue(UpstreamReply.Hang());
        _upstream.Enqueue(Answer(upstream, stream, "In time."));

        var asking = AskAsync(fixture.AppFor(upstream), "claude-two", stream);
        await UntilAsync(() => _upstream.Requests.Count == 1);
        fixture.Clock.Advance(FallbackFixture.HeadersTimeout);

        Assert.Equal("In time.", await asking);
        await hang.Aborted;
        Assert.Equal(["gpt-5.5", "gpt-5.4"], Models());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_target_out_of_quota_is_skipped_until_its_reset_then_serves_again(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var app = fixture.AppFor(upstream);
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(fixture.Clock.GetUtcNow(), TimeSpan.FromHours(2), primaryResetHeader: true));
        _upstream.Enqueue(Answer(upstream, stream: false, "Backup, first turn."));
        Assert.Equal("Backup, first turn.", await AskAsync(app, "claude-two", stream: false));

        _upstream.Reset();
        _upstream.Enqueue(Answer(upstream, stream: true, "Backup, second turn."));
        fixture.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal("Backup, second turn.", await AskAsync(app, "claude-two", stream: true));
        Assert.Equal(["gpt-5.4"], Models());

        _upstream.Reset();
        _upstream.Enqueue(Answer(upstream, stream: false, "Codex again."));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Codex again.", await AskAsync(app, "claude-two", stream: false));
        Assert.Equal(["gpt-5.5"], Models());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task There_is_no_fallback_after_the_first_byte(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Half an ans"), upstream.Error(500, "The server had an error while processing your request.")]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: "claude-two", stream: true)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Half an ans", body);
        Assert.Contains("event: error", body);
        Assert.Equal(["gpt-5.5"], Models());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_request_error_is_answered_at_once_not_sent_to_the_next_target(string dialect)
    {
        _upstream.Enqueue(UpstreamReply.Error(400, "Invalid 'input[0].content': empty.", "invalid_value"));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: "claude-two")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["gpt-5.5"], Models());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_target_is_called_twice_the_next_target_is_the_retry(bool stream)
    {
        _upstream.Enqueue(UpstreamReply.Error(503, "busy", "server_overloaded"));
        _upstream.Enqueue(UpstreamReply.Error(503, "busy too", "server_overloaded"));
        using var http = fixture.AppFor(UpstreamDialect.Chat).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: "claude-two", stream: stream)));

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Contains("busy too", await response.Content.ReadAsStringAsync());
        Assert.Equal(["gpt-5.5", "gpt-5.4"], Models());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task When_every_target_is_out_of_quota_retry_after_is_the_earliest_reset(string dialect)
    {
        var now = fixture.Clock.GetUtcNow();
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(now, TimeSpan.FromHours(2)));
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(now, TimeSpan.FromHours(1), plan: "pro", primaryResetHeader: true));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        var (status, retryAfter, message) = await PostAsync(http, "claude-two");

        Assert.Equal(429, status);
        Assert.Equal("3600", retryAfter);
        Assert.Equal($"Codex usage limit reached (plan pro); it resets at {At(now.AddHours(1))} UTC, in 1 h.", message);

        // Both rest now: the next turn is answered without a call, with the time left.
        _upstream.Reset();
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        (status, retryAfter, message) = await PostAsync(http, "claude-two");

        Assert.Equal(429, status);
        Assert.Equal("1800", retryAfter);
        Assert.Equal($"Codex usage limit reached (plan pro); it resets at {At(now.AddHours(1))} UTC, in 30 min.", message);
        Assert.Empty(_upstream.Requests);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task Codex_usage_limit_tells_the_user_when_it_resets(string dialect)
    {
        var now = fixture.Clock.GetUtcNow();
        var wait = new TimeSpan(2, 13, 0);
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(now, wait));
        var client = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateAnthropicClient();

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Create(Requests.Params(Requests.Simple(model: "claude-one"))));

        Assert.Contains($"Codex usage limit reached (plan plus); it resets at {At(now + wait)} UTC, in 2 h 13 min.", error.Message);

        // A route of one target still asks it: the limit may have ended early.
        _upstream.Reset();
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(now, wait));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();
        var (status, retryAfter, _) = await PostAsync(http, "claude-one");
        Assert.Equal(429, status);
        Assert.Equal("7980", retryAfter);
        Assert.Single(_upstream.Requests);
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static UpstreamReply Failure(string kind, UpstreamDialect dialect, DateTimeOffset now) => kind switch
    {
        "rate limit" => UpstreamReply.Error(429, "Rate limit reached for requests", "rate_limit_exceeded"),
        "codex quota" => UpstreamReply.CodexQuotaExhausted(now, TimeSpan.FromHours(2)),
        "401" => UpstreamReply.Error(401, "Incorrect API key provided.", "invalid_api_key"),
        "403" => UpstreamReply.Error(403, "Country, region, or territory not supported.", "unsupported_country_region_territory"),
        "500" => UpstreamReply.Error(500, "The server had an error while processing your request.", "server_error"),
        "503" => UpstreamReply.Error(503, "The engine is currently overloaded.", "server_overloaded"),
        "auth_unavailable" => UpstreamReply.Json(NoAuthAvailable, 503),
        "model_not_found" => UpstreamReply.Error(400, "unknown provider for model gpt-5.5", "model_not_found"),
        "connection reset" => UpstreamReply.ResetBeforeHeaders(),
        "early stream error" => UpstreamReply.Sse([.. dialect.Begin(), dialect.Error(500, "The server had an error while processing your request.")]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static UpstreamReply Answer(UpstreamDialect dialect, bool stream, string text) =>
        stream ? dialect.Stream(new Answer(text)) : dialect.Complete(new Answer(text));

    private static async Task<string> AskAsync(TranslatorApp app, string model, bool stream)
    {
        var client = app.CreateAnthropicClient();
        var parameters = Requests.Params(Requests.Simple(model: model, stream: stream));
        var message = stream
            ? await SseAggregatorExtensions.Aggregate(client.Messages.CreateStreaming(parameters))
            : await client.Messages.Create(parameters);
        Assert.True(message.Content[0].TryPickText(out var text));
        return text.Text;
    }

    private static async Task<(int Status, string? RetryAfter, string Message)> PostAsync(HttpClient http, string model)
    {
        using var response = await http.PostAsync("/v1/messages", Json(Requests.Simple(model: model)));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var retryAfter = response.Headers.TryGetValues("retry-after", out var values) ? values.Single() : null;
        return ((int)response.StatusCode, retryAfter, body.RootElement.GetProperty("error").GetProperty("message").GetString()!);
    }

    private List<string> Models() => [.. _upstream.Requests.Select(r => r.GetProperty("model").GetString()!)];

    private static string At(DateTimeOffset time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            // Real time only paces the polling; what the test sees does not depend on it.
            await Task.Delay(5, limit.Token);
        }
    }
}
