using Microsoft.Extensions.DependencyInjection;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// One strict scripted upstream (both protocols) and one translator per protocol in front of it,
/// for suites that run against Chat Completions and Responses alike.
/// </summary>
public class DialectFixture : IAsyncLifetime
{
    private TranslatorApp _chat = null!;
    private TranslatorApp _responses = null!;

    public ScriptedUpstream Upstream { get; private set; } = null!;

    /// <summary>Settings both translators get.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Services both translators get in place of theirs (e.g. a fake clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public TranslatorApp AppFor(UpstreamDialect dialect) => dialect == UpstreamDialect.Chat ? _chat : _responses;

    public ScriptedUpstream ResetUpstream()
    {
        Upstream.Reset();
        return Upstream;
    }

    public async Task InitializeAsync()
    {
        Upstream = await ScriptedUpstream.StartAsync();
        _chat = new TranslatorApp(Upstream.BaseUrl, With("chat"), ConfigureServices);
        _responses = new TranslatorApp(Upstream.BaseUrl, With("responses"), ConfigureServices);
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _responses.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    private Dictionary<string, string?> With(string protocol) => new(Settings) { ["Translator:Upstream:Protocol"] = protocol };
}
