using System.Net;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Forwarding;
using Translator.Api.Hosting;
using Translator.Api.Models;
using Translator.Api.Passthrough;
using Translator.Api.Security;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Api.Extensions;

internal static class Extensions
{
    private const string DefaultUrl = "http://localhost:8318";

    /// <summary>
    /// Log levels that keep keys out of the logs: ASP.NET Core's request log writes each URL with its
    /// query string at Information, before any middleware runs, and the HttpClient logs write the
    /// upstream's URLs. Set in code, so that they hold wherever the app is started from (an
    /// appsettings.json is only read from the content root, the working directory).
    /// </summary>
    private static readonly Dictionary<string, string?> SafeLogLevels = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static IHostApplicationBuilder AddTranslator(this WebApplicationBuilder builder)
    {
        // The first source has the lowest priority: any configuration (appsettings, environment,
        // command line) can still change these levels.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = SafeLogLevels });

        // :8318 unless --urls, ASPNETCORE_URLS (Aspire sets it), *_HTTP_PORTS or a Kestrel endpoint says otherwise.
        var configuration = builder.Configuration;
        if (configuration["urls"] is null && configuration["http_ports"] is null && configuration["https_ports"] is null
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<TranslatorOptions>()
            .Bind(configuration.GetSection(TranslatorOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TranslatorOptions>, TranslatorOptionsValidator>();
        services.AddSingleton<IValidateOptions<TranslatorOptions>, UnknownSettingsValidator>();
        services.AddSingleton<IValidateOptions<TranslatorOptions>, RouteSettingsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddUpstreamProtocols();
        services.AddSingleton<ModelMap>();
        services.AddSingleton<CallPlanner>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<Fallback.TargetCooldowns>();
        services.AddSingleton<ApiKeySet>();
        services.AddSingleton<RequestBodyReader>();
        // One redactor for every upstream error: applied where such an error first becomes an ApiError.
        services.AddSingleton(sp => new SecretRedactor(sp.GetRequiredService<IOptions<TranslatorOptions>>().Value.Upstream.ApiKey));
        services.AddTransient<MessagesHandler>();
        services.AddTransient<ClaudeRoute>();
        services.AddTransient<ClaudeTokenCount>();
        services.AddHostedService<StartupReport>();
        services.AddHostedService<ModelMapReloader>();
        services.AddHostedService<Memory.MemoryReturner>();

        services.AddHttpForwarder();
        services.AddSingleton<UpstreamOrigin>();
        services.AddSingleton<PassthroughForwarder>();

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddTransient<UpstreamClient>();
        services.AddHttpClient(UpstreamClient.HttpClientName)
            // A model may think for minutes and stream for longer: time limits are the handler's
            // (HeadersTimeout, the client's abort), not HttpClient's 100 s.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // CLIProxyAPI runs next to the translator: compression would cost more than it saves.
                AutomaticDecompression = DecompressionMethods.None,
                // One client serves every user: a cookie kept from one answer would go out with
                // everyone's next call.
                UseCookies = false,
                // A followed 301/302 turns the model call into a body-less GET; a redirect is
                // reported as the upstream's error instead.
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(30),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // An answer left before its end (a stop sequence matched, the client left) closes its
                // connection at once, which stops the generation: draining it for reuse would keep
                // the model writing, and billing, for up to two seconds more.
                MaxResponseDrainSize = 0,
            })
            // The standard handler's 10 s attempt / 30 s total timeouts would cut answers off,
            // and it retries POSTs that may already have reached the model; the client's own
            // pipeline (UpstreamRetryPolicy) retries only what never reached it.
            .RemoveAllResilienceHandlers()
            // The factory's per-request logging scopes cost more than a loopback round trip.
            .RemoveAllLoggers();
        services.AddSingleton<UpstreamClient.Retries>();
#pragma warning restore EXTEXP0001

        return builder;
    }

    /// <summary>Every protocol the translator speaks upstream, in one list; the model map picks one per model.</summary>
    private static IServiceCollection AddUpstreamProtocols(this IServiceCollection services)
    {
        services.AddSingleton<IUpstreamProtocol, ChatProtocol>();
        services.AddSingleton<IUpstreamProtocol, ResponsesProtocol>();
        return services;
    }

    public static WebApplication UseTranslator(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseAnthropicErrors();
        app.UseMiddleware<InboundAuthMiddleware>();
        return app;
    }
}
