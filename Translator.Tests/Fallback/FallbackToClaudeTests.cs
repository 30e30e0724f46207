using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Fallback;

/// <summary>
/// Routes that mix Codex and Claude itself: "Codex first, Claude as backup" carries a session on
/// Claude while Codex is out of quota and goes back to Codex after the reset; Claude's own limits
/// rest it in turn; when both fail, the client gets the last failure as Anthropic words it.
/// </summary>
public sealed class FallbackToClaudeTests(FallbackFixture fixture) : IClassFixture<FallbackFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.Reset();

    [Theory]
    [InlineData("chat", false)]
    [InlineData("chat", true)]
    [InlineData("responses", false)]
    [InlineData("responses", true)]
    public async Task Codex_out_of_quota_continues_on_claude_and_comes_back_after_the_reset(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var app = fixture.AppFor(upstream);
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(fixture.Clock.GetUtcNow(), TimeSpan.FromHours(2)));
        _upstream.EnqueueAnthropic(Claude(stream));

        var (status, servedBy) = await PostAsync(app, stream);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("claude:claude-opus-4-5", servedBy);
        Assert.Equal("claude-opus-4-5", JsonDocument.Parse(Assert.Single(_upstream.AnthropicRequests).Body).RootElement.GetProperty("model").GetString());

        // The next turns go straight to Claude, until Codex's limit resets.
        _upstream.Reset();
        _upstream.EnqueueAnthropic(Claude(stream));
        var message = await AskAsync(app, stream);
        Assert.NotEmpty(message.Content);
        Assert.Empty(_upstream.Requests);
        Assert.Single(_upstream.AnthropicRequests);

        _upstream.Reset();
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        _upstream.Enqueue(stream ? upstream.Stream(new Answer("Codex is back.")) : upstream.Complete(new Answer("Codex is back.")));
        message = await AskAsync(app, stream);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Codex is back.", text.Text);
        Assert.Empty(_upstream.AnthropicRequests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Claude_at_its_rate_limit_rests_until_the_limit_it_used_up_resets(bool stream)
    {
        var upstream = UpstreamDialect.Chat;
        var app = fixture.AppFor(upstream);
        var reset = fixture.Clock.GetUtcNow().AddMinutes(20);
        _upstream.EnqueueAnthropic(AnthropicReplies.Error(
            429,
            "rate_limit_error",
            "This request would exceed the rate limit for your organization of 8,000 output tokens per minute.",
            ("anthropic-ratelimit-output-tokens-remaining", "0"),
            ("anthropic-ratelimit-output-tokens-reset", reset.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))));
        _upstream.Enqueue(Answer(upstream, stream, "Codex served it."));

        Assert.Equal("Codex served it.", Text(await AskAsync(app, stream, "claude-first")));

        _upstream.Reset();
        _upstream.Enqueue(Answer(upstream, stream, "Codex again."));
        Assert.Equal("Codex again.", Text(await AskAsync(app, stream, "claude-first")));
        Assert.Empty(_upstream.AnthropicRequests);

        _upstream.Reset();
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        _upstream.EnqueueAnthropic(Claude(stream));
        Assert.NotEmpty((await AskAsync(app, stream, "claude-first")).Content);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task Claude_overloaded_leaves_the_request_to_codex()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Error(529, "overloaded_error", "Overloaded"));
        _upstream.Enqueue(Answer(UpstreamDialect.Responses, stream: true, "Codex served it."));

        Assert.Equal("Codex served it.", Text(await AskAsync(fixture.AppFor(UpstreamDialect.Responses), stream: true, "claude-first")));
        Assert.Single(_upstream.AnthropicRequests);
    }

    [Fact]
    public async Task When_codex_and_claude_both_are_limited_the_client_gets_claudes_error_and_the_earliest_reset()
    {
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(fixture.Clock.GetUtcNow(), TimeSpan.FromHours(2)));
        _upstream.EnqueueAnthropic(AnthropicReplies.Error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit.", ("retry-after", "60")));
        using var http = fixture.AppFor(UpstreamDialect.Chat).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(model: "claude-backup"), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("retry-after").Single());
        Assert.Equal(AnthropicReplies.EnvelopeOf("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."), body);
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static UpstreamReply Claude(bool stream) =>
        stream ? AnthropicReplies.Stream("anthropic-stream-thinking-text.sse") : AnthropicReplies.Message("anthropic-message-thinking-text.json");

    private static UpstreamReply Answer(UpstreamDialect dialect, bool stream, string text) =>
        stream ? dialect.Stream(new Answer(text)) : dialect.Complete(new Answer(text));

    private static async Task<(HttpStatusCode Status, string? ServedBy)> PostAsync(TranslatorApp app, bool stream)
    {
        using var http = app.CreateHttpClient();
        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(model: "claude-backup", stream: stream), Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.TryGetValues("x-upstream-model", out var values) ? values.Single() : null);
    }

    private static async Task<global::Anthropic.Models.Messages.Message> AskAsync(TranslatorApp app, bool stream, string model = "claude-backup")
    {
        var client = app.CreateAnthropicClient();
        var parameters = Requests.Params(Requests.Simple(model: model, stream: stream));
        return stream
            ? await SseAggregatorExtensions.Aggregate(client.Messages.CreateStreaming(parameters))
            : await client.Messages.Create(parameters);
    }

    private static string Text(global::Anthropic.Models.Messages.Message message) =>
        message.Content[0].TryPickText(out var text) ? text.Text : throw new Xunit.Sdk.XunitException("The answer does not begin with text.");
}
