using Anthropic;
using Anthropic.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// The real Translator.Api on Kestrel at 127.0.0.1 (real sockets, so disconnects and streaming
/// behave as in production), configured to call a <see cref="ScriptedUpstream"/>.
/// </summary>
public sealed class TranslatorApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly Action<IConfigurationBuilder>? _configuration;

    /// <param name="live">Settings the test changes while the app runs; they win over <paramref name="settings"/>.</param>
    /// <param name="configuration">Configuration sources added after the settings (they win over them), as a deployment adds its own.</param>
    public TranslatorApp(string upstreamBaseUrl, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, ReloadableSettings? live = null, Action<IConfigurationBuilder>? configuration = null)
    {
        _services = services;
        _configuration = live is null ? configuration : sources =>
        {
            configuration?.Invoke(sources);
            sources.Add(live);
        };
        _settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Translator:Upstream:BaseUrl"] = upstreamBaseUrl,
            ["Translator:Upstream:ApiKey"] = "upstream-secret-key",

            // The suites script complete answers for complete calls; AssembledAnswerTests turns it on.
            ["Translator:Upstream:AlwaysStream"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        // The port comes from the "urls" setting (127.0.0.1:0). UseKestrel(port) would rewrite the
        // server's addresses after the app has started Kestrel itself, a race that fails now and
        // then with "Addresses cannot be modified after the server has started" (dotnet/aspnetcore#67714).
        UseKestrel();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public string BaseUrl { get; }

    /// <summary>
    /// The official Anthropic SDK, validating every response against the API's schema; it retries
    /// what it deems retryable <paramref name="maxRetries"/> times (its default is 2).
    /// </summary>
    public AnthropicClient CreateAnthropicClient(int maxRetries = 0) => new(new ClientOptions
    {
        BaseUrl = BaseUrl,
        ApiKey = "sk-ant-client-key",
        ResponseValidation = true,
        MaxRetries = maxRetries,
        Timeout = TimeSpan.FromSeconds(60),
    });

    /// <summary>Everything the app logged.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The lines translated calls for <paramref name="clientModel"/> left when they ended (event 80).</summary>
    public IReadOnlyList<FakeLogRecord> CallLines(string clientModel) =>
        [.. Logs.GetSnapshot().Where(r => r.Id.Id == 80 && r.GetStructuredStateValue("ClientModel") == clientModel)];

    /// <summary>A raw client that, like a real one, closes its connection when it abandons a response.</summary>
    public HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configuration is not null)
        {
            builder.ConfigureAppConfiguration((_, sources) => _configuration(sources));
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
