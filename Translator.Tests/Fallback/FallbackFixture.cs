using Microsoft.Extensions.DependencyInjection;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Fallback;

/// <summary>
/// One strict scripted upstream, and a translator per protocol in front of it on one fake clock,
/// with routes of several targets: <c>claude-two</c> (gpt-5.5, then gpt-5.4), <c>claude-one</c>
/// (gpt-5.5 alone), <c>claude-backup</c> (gpt-5.5, then Claude) and <c>claude-first</c> (Claude, then gpt-5.4). The clock decides every reset and the headers timeout.
/// </summary>
public sealed class FallbackFixture : IAsyncLifetime
{
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(30);

    private TranslatorApp _chat = null!;
    private TranslatorApp _responses = null!;

    public ScriptedUpstream Upstream { get; private set; } = null!;

    public WatchedClock Clock { get; } = new();

    public TranslatorApp AppFor(UpstreamDialect dialect) => dialect == UpstreamDialect.Chat ? _chat : _responses;

    /// <summary>The longest rest a test leaves behind.</summary>
    public static readonly TimeSpan LongestRest = TimeSpan.FromHours(3);

    /// <summary>
    /// Forgets the last test's script, and moves the clock past any rest it left (no further: the
    /// fake clock fires every periodic timer's ticks on the way).
    /// </summary>
    public ScriptedUpstream Reset()
    {
        Clock.Advance(LongestRest);
        Upstream.Reset();
        return Upstream;
    }

    public async Task InitializeAsync()
    {
        Upstream = await ScriptedUpstream.StartAsync();
        _chat = App("chat");
        _responses = App("responses");
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _responses.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    private TranslatorApp App(string protocol) => new(
        Upstream.BaseUrl,
        new Dictionary<string, string?>
        {
            ["Translator:Upstream:Protocol"] = protocol,
            ["Translator:Upstream:HeadersTimeout"] = HeadersTimeout.ToString(),
            ["Translator:Models:Map:claude-two"] = "gpt-5.5,gpt-5.4",
            ["Translator:Models:Map:claude-one"] = "gpt-5.5",
            ["Translator:Models:Map:claude-backup"] = "gpt-5.5,claude:claude-opus-4-5",
            ["Translator:Models:Map:claude-first"] = "claude:claude-opus-4-5,gpt-5.4",
        },
        services => services.AddSingleton<TimeProvider>(Clock));
}
