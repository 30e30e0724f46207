using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Memory;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// The Claude route: a request goes untranslated to CLIProxyAPI's own Anthropic endpoint, which
/// serves it from its Claude provider, and the answer comes back as it came.
/// <code>
/// 1 send (SendAsync): the client's body (only model set to the target's), its anthropic-* and
///   Claude Code session headers, the upstream key for the client's; returns at the headers, or
///   with the failure (unreachable, no headers in time, an error status read and worded)
/// 2 relay (RelayAsync): the status, the headers the client should see, the body: a stream
///   unbuffered, flushed per read, each read re-arming the idle timeout; a complete answer
///   read within Translator:Limits:MaxUpstreamResponseBytes
/// </code>
/// A fallback decides on a <see cref="ClaudeFailure"/> before anything reached the client;
/// <see cref="FailAsync"/> answers with it when nothing else will.
/// </summary>
internal sealed partial class ClaudeRoute(
    UpstreamClient upstream,
    SecretRedactor redactor,
    IOptions<TranslatorOptions> options,
    ILogger<ClaudeRoute> logger)
{
    /// <summary>The route's name where a translated call names its protocol (spans, metrics, the call's line).</summary>
    public const string ProtocolName = "anthropic";

    public const string MessagesPath = "/v1/messages";

    public const string CountTokensPath = "/v1/messages/count_tokens";

    private const int RelayBufferBytes = 16 * 1024;

    private readonly UpstreamOptions _upstreamOptions = options.Value.Upstream;
    private readonly int _maxResponseBytes = options.Value.Limits.MaxUpstreamResponseBytes;
    private readonly int _maxLineBytes = options.Value.Limits.MaxSseLineBytes;

    /// <summary>The body as it goes: the client's bytes, with only <c>model</c> set to the target's when the two differ.</summary>
    public static ReadOnlyMemory<byte> BodyFor(ClaudeTarget target, RequestBody body, string? clientModel) =>
        string.Equals(target.Model, clientModel, StringComparison.Ordinal) ? body.Bytes : BodyModelRewriter.Rewrite(body.Bytes, target.Model);

    /// <summary>
    /// Sends the request and waits for the headers (bounded by the call token's headers timeout),
    /// retried as <see cref="UpstreamRetryPolicy"/> allows only with <paramref name="retry"/> (a route of one target).
    /// Returns the response of a success, its body unread (the caller disposes it); or the failure,
    /// its body read, the response closed.
    /// </summary>
    public async Task<(HttpResponseMessage? Response, ClaudeFailure? Failure)> SendAsync(
        HttpContext context, ReadOnlyMemory<byte> body, bool stream, CallOperation? operation, UpstreamCallToken callToken, string path = MessagesPath, bool retry = true)
    {
        HttpResponseMessage response;
        var sendStarted = Stopwatch.GetTimestamp();
        try
        {
            response = await upstream.PostAnthropicAsync(path + Passthrough.CredentialTransformer.WithoutKey(context.Request.QueryString), body, ClaudeHeaders.From(context.Request.Headers), stream, operation, callToken.Token, retry);
        }
        catch (OperationCanceledException) when (callToken.TimedOut)
        {
            Log.TimedOut(logger, upstream.Origin, _upstreamOptions.HeadersTimeout);
            return (null, new(UpstreamErrorMap.HeadersTimedOut(upstream.Origin, _upstreamOptions.HeadersTimeout), null));
        }
        catch (HttpRequestException e)
        {
            Log.Unreachable(logger, upstream.Origin, e.Message);
            return (null, new(UpstreamErrorMap.Unreachable(upstream.Origin, e), null));
        }
        finally
        {
            operation?.AddUpstreamWait(Stopwatch.GetTimestamp() - sendStarted);
        }

        operation?.UpstreamFirstByte();
        callToken.HeadersReceived(_upstreamOptions.IdleTimeout);
        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            return (null, await ReadFailureAsync(response, callToken));
        }
    }

    /// <summary>Answers the client with a failure: Anthropic's own body as it came, or the envelope of the translator's wording.</summary>
    public static async Task FailAsync(HttpContext context, ClaudeFailure failure, CallOperation operation)
    {
        operation.Failed(failure.Error);
        operation.ClientFirstByte();
        if (failure.AnthropicBody is not { } body)
        {
            await ApiErrorResult.WriteAsync(context, failure.Error);
            return;
        }

        var response = context.Response;
        response.StatusCode = failure.Error.StatusCode;
        ClaudeHeaders.CopyTo(response, failure.Headers);
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Passes a successful answer to the client: a stream as it comes, a complete answer once read.</summary>
    public Task RelayAsync(HttpContext context, HttpResponseMessage response, ClaudeTarget target, bool stream, CallOperation operation, UpstreamCallToken callToken) =>
        stream ? RelayStreamAsync(context, response, target, operation, callToken) : RelayAnswerAsync(context, response, target, operation, callToken);

    private async Task RelayStreamAsync(HttpContext context, HttpResponseMessage upstreamResponse, ClaudeTarget target, CallOperation operation, UpstreamCallToken callToken)
    {
        var response = context.Response;
        response.StatusCode = (int)upstreamResponse.StatusCode;
        ClaudeHeaders.CopyTo(response, ClaudeHeaders.ToRelay(upstreamResponse));
        response.Headers.CacheControl = "no-cache";
        UpstreamModelHeader.Set(response, target.Name);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var watcher = new AnthropicStreamWatcher(_maxLineBytes);
        var buffer = LargeArrays.Rent<byte>(RelayBufferBytes);
        try
        {
            await using var body = callToken.Watch(await upstreamResponse.Content.ReadAsStreamAsync(callToken.Token));
            await response.StartAsync(context.RequestAborted);
            operation.ClientFirstByte();
            int read;
            while ((read = await body.ReadAsync(buffer, callToken.Token)) > 0)
            {
                watcher.Observe(buffer.AsSpan(0, read));
                await response.BodyWriter.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                if (watcher.ContentStarted)
                {
                    operation.FirstContentSent();
                }
            }

            if (watcher.Error is { } error)
            {
                operation.Failed(error);
            }
            else
            {
                operation.Completed(watcher.Model ?? target.Model, watcher.StopReason, watcher.StopReason, watcher.Usage);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            ForwardingLog.ClientDisconnected(logger, "during the stream");
            operation.ClientDisconnected();
        }
        catch (OperationCanceledException) when (callToken.TimedOut)
        {
            ForwardingLog.UpstreamIdle(logger, _upstreamOptions.IdleTimeout);
            await EndStreamAsync(context, watcher, UpstreamErrorMap.Idle(_upstreamOptions.IdleTimeout), operation);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            ForwardingLog.UpstreamBroke(logger, e.Message);
            await EndStreamAsync(context, watcher, ApiError.BadGateway("The upstream connection broke off before the answer was complete."), operation);
        }
        finally
        {
            LargeArrays.Return(buffer);
        }
    }

    /// <summary>
    /// A stream the upstream did not finish ends with Anthropic's <c>error</c> event, as a
    /// translated one does; where the cut fell inside a line, an event would splice into it, so the
    /// connection is reset instead: a cut-off stream must never look complete.
    /// </summary>
    private static async Task EndStreamAsync(HttpContext context, AnthropicStreamWatcher watcher, ApiError error, CallOperation operation)
    {
        operation.Failed(error);
        if (!watcher.AtLineStart)
        {
            context.Abort();
            return;
        }

        var json = JsonSerializer.Serialize(new ErrorResponse(new ErrorDetail(error.Type, error.Message), context.TraceIdentifier), AnthropicJson.ErrorResponse);
        try
        {
            await context.Response.BodyWriter.WriteAsync(Encoding.UTF8.GetBytes($"\nevent: error\ndata: {json}\n\n"), context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client left as well.
        }
    }

    private async Task RelayAnswerAsync(HttpContext context, HttpResponseMessage upstreamResponse, ClaudeTarget target, CallOperation operation, UpstreamCallToken callToken)
    {
        byte[]? buffer = null;
        try
        {
            var reading = Stopwatch.GetTimestamp();
            await using var body = callToken.Watch(await upstreamResponse.Content.ReadAsStreamAsync(callToken.Token));
            (buffer, var length) = await BoundedReader.ReadAsync(body, _maxResponseBytes, callToken.Token);
            operation.AddUpstreamWait(Stopwatch.GetTimestamp() - reading);
            if (length > _maxResponseBytes)
            {
                await FailAsync(context, new(ApiError.BadGateway($"The upstream's answer is larger than {_maxResponseBytes} bytes (Translator:Limits:MaxUpstreamResponseBytes)."), (int)upstreamResponse.StatusCode), operation);
                return;
            }

            var (model, stopReason, usage) = AnthropicAnswerFacts.Read(buffer.AsSpan(0, length));
            operation.Completed(model ?? target.Model, stopReason, stopReason, usage);

            var response = context.Response;
            response.StatusCode = (int)upstreamResponse.StatusCode;
            ClaudeHeaders.CopyTo(response, ClaudeHeaders.ToRelay(upstreamResponse));
            UpstreamModelHeader.Set(response, target.Name);
            response.ContentLength = length;
            operation.ClientFirstByte();
            await response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
        }
        catch (OperationCanceledException) when (callToken.TimedOut)
        {
            ForwardingLog.UpstreamIdle(logger, _upstreamOptions.IdleTimeout);
            await FailAsync(context, new(UpstreamErrorMap.Idle(_upstreamOptions.IdleTimeout), (int)upstreamResponse.StatusCode), operation);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            ForwardingLog.UpstreamBroke(logger, e.Message);
            await FailAsync(context, new(ApiError.BadGateway("The upstream connection broke off before the answer was complete."), (int)upstreamResponse.StatusCode), operation);
        }
        finally
        {
            if (buffer is not null)
            {
                LargeArrays.Return(buffer);
            }
        }
    }

    private async Task<ClaudeFailure> ReadFailureAsync(HttpResponseMessage response, UpstreamCallToken callToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.TryGetValues("retry-after", out var values) ? string.Join(",", values) : null;
        var (buffer, length) = await UpstreamErrorReader.ReadBodyAsync(response, callToken);
        try
        {
            var body = buffer.AsSpan(0, length);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var failure = ClaudeErrorMap.FromResponse(status, body, mediaType, retryAfter, upstream.Origin, redactor) with { Headers = ClaudeHeaders.ToRelay(response, withContentType: false) };
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.UpstreamError(logger, status, failure.Error.Type, mediaType, redactor.Redact(Encoding.UTF8.GetString(body)));
            }

            return failure;
        }
        finally
        {
            if (buffer is not null)
            {
                LargeArrays.Return(buffer);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(110, LogLevel.Warning, "The upstream's Anthropic endpoint at {BaseUrl} could not be reached: {Reason}")]
        public static partial void Unreachable(ILogger logger, string baseUrl, string reason);

        [LoggerMessage(111, LogLevel.Warning, "The upstream's Anthropic endpoint at {BaseUrl} sent no headers within {Timeout}")]
        public static partial void TimedOut(ILogger logger, string baseUrl, TimeSpan timeout);

        [LoggerMessage(112, LogLevel.Debug, "The upstream's Anthropic endpoint answered {Status} ({MediaType}); the client gets {ErrorType}. The body: {Body}")]
        public static partial void UpstreamError(ILogger logger, int status, string errorType, string? mediaType, string body);
    }
}
