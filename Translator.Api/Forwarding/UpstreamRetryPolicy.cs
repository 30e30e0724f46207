using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Translator.Api.Errors;

namespace Translator.Api.Forwarding;

/// <summary>
/// The only retries the upstream client makes, all before anything reached the client (the
/// pipeline sees the call only up to the response headers): a connection that could not be made,
/// a 502/503 from CLIProxyAPI (its own upstream failed; the model did not answer), or a 429 whose
/// <c>retry-after</c> is short. At most two attempts in all, with jitter. A POST that may have
/// reached the model and failed there (500, timeouts, broken streams) is never sent twice, nor is
/// one CLIProxyAPI refused for want of a usable Codex login (its 503 <c>auth_unavailable</c>):
/// only a login helps there. Only on a route of one target: where the route lists another, that
/// target is the retry (<c>MessagesHandler</c>), and no target is called twice for one request.
/// </summary>
internal static partial class UpstreamRetryPolicy
{
    /// <summary>A 429 is retried only when the upstream asks for at most this long a wait.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>How much of an error body is read to tell a login error; CLIProxyAPI's are under 1 KiB.</summary>
    private const int MaxInspectedBodyBytes = 64 * 1024;

    /// <summary>
    /// The pipeline, built once. It runs inside <see cref="UpstreamClient"/> rather than as the
    /// HttpClient's resilience handler: that handler snapshots every request so it can replay it and
    /// reports telemetry per attempt, about 30 µs per call measured at one connection, while the
    /// client can rebuild a request from its bytes for the rare retry.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(ILogger logger) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                UseJitter = true,
                BackoffType = DelayBackoffType.Constant,
                Delay = BaseDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    Log.Retrying(logger, args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
        { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable } => true,
        { Result: { StatusCode: HttpStatusCode.TooManyRequests } response } => RetryAfter(response) is { } wait && wait <= MaxRetryAfter,
        _ => false,
    };

    /// <summary>
    /// <see cref="ShouldRetry"/>, then, for a status it would retry, whether the body says that no
    /// Codex login can serve the call. The body is buffered for that, so the caller still reads it.
    /// </summary>
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (!ShouldRetry(outcome))
        {
            return false;
        }

        // A body announced larger than any of CLIProxyAPI's errors is left unread for the caller.
        if (outcome.Result is not { } response || response.Content.Headers.ContentLength > MaxInspectedBodyBytes)
        {
            return true;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(MaxInspectedBodyBytes, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return !UpstreamErrorMap.IsLoginError((int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // Too large (what was read is dropped; the client gets the status) or broken off:
            // not CLIProxyAPI's login error, retried as its status says.
            return true;
        }
        catch (OperationCanceledException)
        {
            // The call is over (timed out, or the client left): the caller finds that out as it reads.
            return false;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "The upstream call failed before any answer ({Reason}); retrying once in {Delay}")]
        public static partial void Retrying(ILogger logger, string? reason, TimeSpan delay);
    }
}
