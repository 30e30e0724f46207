using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Errors;
using Translator.Api.Security;
using Yarp.ReverseProxy.Forwarder;

namespace Translator.Api.Passthrough;

/// <summary>
/// Everything the translator does not translate goes through YARP unchanged: to CLIProxyAPI
/// (chat completions, responses, models for OpenAI clients, health) or to Amp's control plane.
/// Bodies stream both ways unbuffered.
/// </summary>
internal sealed partial class PassthroughForwarder
{
    private readonly IHttpForwarder _forwarder;
    private readonly UpstreamOrigin _upstream;
    private readonly string _ampOrigin;
    private readonly ILogger<PassthroughForwarder> _logger;
    private readonly HttpMessageInvoker _invoker;
    private readonly ForwarderRequestConfig _requestConfig;
    private readonly CredentialTransformer _upstreamTransformer;
    private readonly CredentialTransformer _ampTransformer;
    private readonly string? _upstreamKey;
    private int _nativeAmpNoticed;

    public PassthroughForwarder(IHttpForwarder forwarder, UpstreamOrigin upstream, ApiKeySet inboundKeys, IOptions<TranslatorOptions> options, ILogger<PassthroughForwarder> logger)
    {
        _forwarder = forwarder;
        _upstream = upstream;
        _logger = logger;
        var settings = options.Value;
        _ampOrigin = new Uri(settings.Amp.UpstreamUrl).GetLeftPart(UriPartial.Authority);
        _upstreamKey = string.IsNullOrEmpty(settings.Upstream.ApiKey) ? null : settings.Upstream.ApiKey;

        // As YARP recommends for a forwarder: no proxy, no redirects, no decompression, no cookies.
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        _requestConfig = new ForwarderRequestConfig { ActivityTimeout = settings.Upstream.PassthroughIdleTimeout };

        // The client's key is never forwarded to CLIProxyAPI; the translator's upstream key is.
        _upstreamTransformer = new CredentialTransformer(_upstreamKey, keepClientCredentials: false);

        // Amp's control plane needs an Amp key: the configured one, or else the client's own, but
        // only when the translator does not check keys itself (then the client's key is ours).
        var ampKey = string.IsNullOrEmpty(settings.Amp.ApiKey) ? null : settings.Amp.ApiKey;
        _ampTransformer = new CredentialTransformer(ampKey, keepClientCredentials: ampKey is null && !inboundKeys.IsEnabled);
    }

    /// <summary>To CLIProxyAPI, path as requested (or as given, for Amp's provider prefix).</summary>
    public async Task ForwardToUpstreamAsync(HttpContext context, PathString? path = null)
    {
        string origin;
        try
        {
            origin = await _upstream.ResolveAsync(context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            await ApiErrorResult.WriteAsync(context, ApiError.BadGateway(e.Message));
            return;
        }

        var transformer = path is null ? _upstreamTransformer : new CredentialTransformer(_upstreamKey, keepClientCredentials: false, path);
        await ForwardAsync(context, origin, transformer, "CLIProxyAPI");
    }

    /// <summary>To Amp's control plane.</summary>
    public Task ForwardToAmpAsync(HttpContext context) => ForwardAsync(context, _ampOrigin, _ampTransformer, "Amp");

    /// <summary>
    /// To Amp's actors (HTTP and WebSocket): native Amp builds run their model loop there, in
    /// Amp's cloud, and never call a model route the translator could translate. Said once, so
    /// that someone wondering why the translator sees no model calls learns why.
    /// </summary>
    public Task ForwardToAmpActorsAsync(HttpContext context)
    {
        if (Interlocked.Exchange(ref _nativeAmpNoticed, 1) == 0)
        {
            Log.NativeAmpServedByAmp(_logger, _ampOrigin);
        }

        return ForwardToAmpAsync(context);
    }

    private async Task ForwardAsync(HttpContext context, string origin, HttpTransformer transformer, string destinationName)
    {
        // The destination's own status and body are the answer; no error page replaces them.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var error = await _forwarder.SendAsync(context, origin, _invoker, _requestConfig, transformer);
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        Log.ForwardFailed(_logger, destinationName, origin, error, exception?.Message);

        // Once the response has started, YARP has already reset the connection: a cut-off body
        // must never look complete.
        if (context.Response.HasStarted || error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            return;
        }

        var apiError = error switch
        {
            ForwarderError.RequestTimedOut => ApiError.Timeout($"{destinationName} at {origin} went silent for longer than Translator:Upstream:PassthroughIdleTimeout."),
            ForwarderError.RequestBodyClient => ApiError.InvalidRequest("The request body could not be read."),
            _ => ApiError.BadGateway($"Could not reach {destinationName} at {origin} ({exception?.Message ?? error.ToString()})."),
        };
        context.Response.Clear();
        await ApiErrorResult.WriteAsync(context, apiError);
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Warning, "Passing a request through to {Destination} at {Origin} failed: {Error} {Reason}")]
        public static partial void ForwardFailed(ILogger logger, string destination, string origin, ForwarderError error, string? reason);

        [LoggerMessage(31, LogLevel.Information, "A native Amp build is connected: its model calls run in Amp's cloud at {AmpOrigin}, passed through, not translated. Only Amp's classic JavaScript builds (@sourcegraph/amp 0.0.1767830505) call the translator's model routes.")]
        public static partial void NativeAmpServedByAmp(ILogger logger, string ampOrigin);
    }
}
