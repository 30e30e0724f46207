namespace Translator.Tests.Infrastructure;

/// <summary>A scripted upstream and the translator in front of it, shared by the tests of one class.</summary>
public class TranslatorFixture : IAsyncLifetime
{
    public ScriptedUpstream Upstream { get; private set; } = null!;

    public TranslatorApp App { get; private set; } = null!;

    /// <summary>Settings a derived fixture adds to the translator's configuration.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Upstream = await ScriptedUpstream.StartAsync();
        App = new TranslatorApp(Upstream.BaseUrl, Settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
