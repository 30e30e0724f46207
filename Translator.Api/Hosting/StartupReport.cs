using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Forwarding;
using Translator.Api.Models;
using Translator.Api.Security;

namespace Translator.Api.Hosting;

/// <summary>
/// Once the server listens: says where clients should point and which upstream answers, then asks
/// the upstream which models it serves and warns about mapped targets it does not list. It never
/// stops the app: the upstream may simply not be up yet.
/// </summary>
internal sealed partial class StartupReport(
    IHostApplicationLifetime lifetime,
    IServer server,
    IServiceProvider services,
    ModelMap models,
    ApiKeySet inboundKeys,
    IOptions<TranslatorOptions> options,
    ILogger<StartupReport> logger) : BackgroundService
{
    private static readonly TimeSpan ModelCheckTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (!inboundKeys.IsEnabled && !options.Value.Auth.AllowAnonymousRemote && addresses.FirstOrDefault(a => !IsLoopback(a)) is { } exposed)
        {
            Log.RefusingAnonymousRemote(logger, exposed);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        // Where a user reaches each, when that is not where they listen (the AppHost's proxy, service discovery).
        var address = options.Value.PublicUrl is { Length: > 0 } publicUrl ? publicUrl.TrimEnd('/') : addresses.FirstOrDefault() ?? "(unknown address)";
        var upstream = options.Value.Upstream.PublicBaseUrl is { Length: > 0 } publicBaseUrl ? publicBaseUrl.TrimEnd('/') : options.Value.Upstream.BaseUrl;
        Log.Ready(logger, address, upstream, options.Value.Upstream.Protocol);
        if (inboundKeys.IsEnabled)
        {
            Log.KeysRequired(logger, inboundKeys.Count);
        }
        else
        {
            Log.NoKeys(logger);
        }

        await CheckModelsAsync(upstream, stoppingToken);
    }

    private async Task CheckModelsAsync(string upstream, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(ModelCheckTimeout);
        IReadOnlyList<string> served;
        try
        {
            served = await services.GetRequiredService<UpstreamClient>().ListModelsAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                Log.ModelCheckSkipped(logger, upstream, e.Message);
            }

            return;
        }

        var known = served.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var target in models.Current.Targets)
        {
            if (!known.Contains(target))
            {
                Log.UnlistedTarget(logger, target, upstream, ModelSuggestion.For(target, known) is { } suggestion ? $"{suggestion} would serve instead" : "it lists no GPT-5 model to suggest");
            }
        }
    }

    /// <summary>Whether a listening address only accepts local connections.</summary>
    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    private static partial class Log
    {
        [LoggerMessage(23, LogLevel.Critical,
            "Refusing to serve on {Address} without keys: anyone who can reach it could spend your model quota. Set Translator:Auth:ApiKeys, listen on localhost, or set Translator:Auth:AllowAnonymousRemote=true.")]
        public static partial void RefusingAnonymousRemote(ILogger logger, string address);

        [LoggerMessage(24, LogLevel.Information, "Clients must present one of the {Count} keys of Translator:Auth:ApiKeys (x-api-key or Authorization: Bearer).")]
        public static partial void KeysRequired(ILogger logger, int count);

        [LoggerMessage(25, LogLevel.Information, "No Translator:Auth:ApiKeys are set: only local clients are served.")]
        public static partial void NoKeys(ILogger logger);

        [LoggerMessage(20, LogLevel.Information,
            "Translator.Api is ready at {Address}. Point Claude Code at it with ANTHROPIC_BASE_URL={Address}, Amp with amp.url (or AMP_URL) = {Address}. Upstream: {Upstream} (protocol {Protocol})")]
        public static partial void Ready(ILogger logger, string address, string upstream, string protocol);

        [LoggerMessage(21, LogLevel.Warning,
            "The upstream at {Upstream} does not list model {Target}, which Translator:Models maps Claude names to; requests for it will fail: {Suggestion}. Map them to a model from GET {Upstream}/models.")]
        public static partial void UnlistedTarget(ILogger logger, string target, string upstream, string suggestion);

        [LoggerMessage(22, LogLevel.Information, "Could not list the upstream's models at {Upstream} ({Reason}); the model map was not checked.")]
        public static partial void ModelCheckSkipped(ILogger logger, string upstream, string reason);
    }
}
