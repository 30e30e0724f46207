using System.Text.Json;
using Anthropic;
using Microsoft.Extensions.DependencyInjection;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Fallback;

/// <summary>
/// "Codex first, Claude as backup" through the official Anthropic SDK, on both protocols, streamed
/// and not: while Codex is out of quota the session's turns (its haiku-class side calls too) are
/// served by Claude without an error reaching the client, Codex asked once; after the reset Codex
/// serves again.
/// </summary>
public sealed class CodexThenClaudeTests(CodexThenClaudeTests.Fixture fixture) : IClassFixture<CodexThenClaudeTests.Fixture>, IDisposable
{
    private static readonly TimeSpan ResetsIn = TimeSpan.FromHours(2);

    private readonly ScriptedUpstream _upstream = fixture.Reset();

    public sealed class Fixture : DialectFixture
    {
        public WatchedClock Clock { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Models:Families:opus"] = "gpt-5.5,claude",
            ["Translator:Models:Families:sonnet"] = "gpt-5.5,claude",
            ["Translator:Models:Families:haiku"] = "gpt-5.5,claude",
            ["Translator:Models:Default"] = "gpt-5.5,claude",
        };

        /// <summary>Forgets the last test's script, and moves the clock past any rest it left.</summary>
        public ScriptedUpstream Reset()
        {
            Clock.Advance(TimeSpan.FromDays(40));
            return ResetUpstream();
        }

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    public void Dispose() => _upstream.AssertNoViolations();

    public static TheoryData<string, bool> DialectsAndModes => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task A_session_continues_on_claude_while_codex_is_out_of_quota_and_goes_back_to_codex_after_the_reset(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        // The first turn: Codex's usage limit, then Claude answers it.
        _upstream.Enqueue(UpstreamReply.CodexQuotaExhausted(fixture.Clock.GetUtcNow(), ResetsIn));
        _upstream.EnqueueAnthropic(ClaudeReplies.Text("claude-opus-4-5", stream, "Claude, first turn."));
        Assert.Equal("Claude, first turn.", await AskAsync(client, "claude-opus-4-5", stream));
        Assert.Equal("gpt-5.5", Assert.Single(_upstream.Requests).GetProperty("model").GetString());
        Assert.Equal(["claude-opus-4-5"], ClaudeModels());

        // Later turns, a haiku-class side call among them, up to a second before the reset: Claude alone.
        fixture.Clock.Advance(ResetsIn - TimeSpan.FromSeconds(1));
        _upstream.EnqueueAnthropic(ClaudeReplies.Text("claude-haiku-4-5", !stream, "Claude, side call."));
        _upstream.EnqueueAnthropic(ClaudeReplies.Text("claude-opus-4-5", stream, "Claude, second turn."));
        Assert.Equal("Claude, side call.", await AskAsync(client, "claude-haiku-4-5", !stream));
        Assert.Equal("Claude, second turn.", await AskAsync(client, "claude-opus-4-5", stream));
        Assert.Single(_upstream.Requests);
        Assert.Equal(["claude-opus-4-5", "claude-haiku-4-5", "claude-opus-4-5"], ClaudeModels());

        // The reset: Codex serves the next turn, and Claude is not asked.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        _upstream.Enqueue(stream ? upstream.Stream(new Answer("Codex again.")) : upstream.Complete(new Answer("Codex again.")));
        Assert.Equal("Codex again.", await AskAsync(client, "claude-opus-4-5", stream));
        Assert.Equal(2, _upstream.Requests.Count);
        Assert.Equal(3, _upstream.AnthropicRequests.Count);
    }

    /// <summary>The model named in each body Claude's endpoint received: the client's own name (the bare <c>claude</c> target).</summary>
    private string[] ClaudeModels() =>
        [.. _upstream.AnthropicRequests.Select(r => r.PathAndQuery == "/v1/messages" ? JsonDocument.Parse(r.Body).RootElement.GetProperty("model").GetString()! : r.PathAndQuery)];

    private static async Task<string> AskAsync(AnthropicClient client, string model, bool stream)
    {
        var request = Requests.Params(Requests.Simple("Hello", model, stream));
        var message = stream ? await client.Messages.CreateStreaming(request).Aggregate() : await client.Messages.Create(request);
        return string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : ""));
    }
}
