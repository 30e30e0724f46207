using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Models;
using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIChat;
using Translator.Api.Streaming;
using Translator.Api.Tokens;
using Translator.Api.Translation.AnthropicToOpenAIChat;
using Translator.Api.Translation.AnthropicToOpenAIResponses;
using Translator.Api.Validation;

namespace Translator.Api.Forwarding;

/// <summary>
/// <c>POST /v1/messages</c> against an OpenAI upstream, in Chat Completions or Responses:
/// <code>
/// 1 read + validate the body    -> 400 / 413 on bad input
/// 2 resolve the model and its protocol, translate the request
/// 3 send upstream (counting the input tokens meanwhile), wait for its headers (bounded by HeadersTimeout)
///                               -> upstream status / unreachable / timeout mapped to Anthropic errors
/// 4a stream:   hand the body to the protocol's stream result
/// 4b complete: read the completion, translate it back
/// </code>
/// </summary>
internal sealed partial class MessagesHandler(
    RequestBodyReader bodyReader,
    ModelMap models,
    UpstreamClient upstream,
    TokenCounter tokens,
    IOptions<TranslatorOptions> options,
    TimeProvider timeProvider,
    ILogger<MessagesHandler> logger)
{
    private const int MaxErrorBodyBytes = 1024 * 1024;

    private readonly UpstreamOptions _upstreamOptions = options.Value.Upstream;
    private readonly SecretRedactor _redactor = new(options.Value.Upstream.ApiKey);
    private readonly TimeSpan _pingInterval = options.Value.Streaming.PingInterval;
    private readonly int _maxSseLineBytes = options.Value.Limits.MaxSseLineBytes;
    private readonly int _maxUpstreamResponseBytes = options.Value.Limits.MaxUpstreamResponseBytes;
    private readonly bool _captureContent = options.Value.Telemetry.CaptureContent;

    public async Task<IResult> HandleAsync(HttpContext context, ClientProfile profile)
    {
        var started = Stopwatch.GetTimestamp();

        // :: Step 1
        var (request, readError) = await ReadAsync(context, requireMaxTokens: true);
        if (readError is not null)
        {
            return new ApiErrorResult(readError);
        }

        // :: Step 2
        var requestedModel = request!.Model!;
        var upstreamModel = models.Resolve(requestedModel);
        var protocol = models.ProtocolFor(upstreamModel);
        var streaming = request.Stream == true;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? string.Empty;
        var operation = new ChatOperation(started, route, requestedModel, upstreamModel, UpstreamProtocols.Name(protocol), streaming, _captureContent);
        IUpstreamExchange exchange;
        ChatCompletionRequest? chatRequest = null;
        using (operation.StartStep("translate request"))
        {
            if (protocol == UpstreamProtocol.Responses)
            {
                exchange = new ResponsesExchange(ResponsesRequestTranslator.Translate(request, upstreamModel));
            }
            else
            {
                chatRequest = ChatRequestTranslator.Translate(request, upstreamModel);
                exchange = new ChatExchange(chatRequest);
            }
        }

        if (operation.CaptureContent)
        {
            operation.Activity?.SetTag("gen_ai.input.messages", exchange.SerializeInput());
        }

        // :: Step 3 - the input estimate for message_start is counted while the request is on its way
        // (over the chat form of the request, as count_tokens counts it, whatever the protocol).
        var sendStarted = Stopwatch.GetTimestamp();
        var sending = SendAsync(exchange, streaming, context.RequestAborted);
        var estimate = streaming ? new Usage { InputTokens = tokens.Count(chatRequest ?? ChatRequestTranslator.Translate(request, upstreamModel)) } : null;
        var (response, sendError) = await sending;
        operation.AddUpstreamWait(Stopwatch.GetTimestamp() - sendStarted);
        if (sendError is not null)
        {
            return Fail(operation, sendError);
        }

        operation.UpstreamFirstByte();
        if (!response!.IsSuccessStatusCode)
        {
            using (response)
            {
                return Fail(operation, await ReadUpstreamErrorAsync(response, context.RequestAborted));
            }
        }

        // :: Step 4a
        if (estimate is not null)
        {
            return exchange.CreateStreamResult(response, new StreamSettings(requestedModel, upstreamModel, estimate, profile, operation, _pingInterval, _maxSseLineBytes, _redactor, timeProvider, logger));
        }

        // :: Step 4b
        using (response)
        {
            return await TranslateCompletionAsync(context, response, exchange, requestedModel, upstreamModel, profile, operation);
        }
    }

    /// <summary>Every error answered without a stream: an upstream's message may quote our key.</summary>
    private ObservedResult Fail(ChatOperation operation, ApiError error)
    {
        error = _redactor.Redact(error);
        operation.Failed(error);
        return new ObservedResult(new ApiErrorResult(error), operation);
    }

    /// <summary><c>POST /v1/messages/count_tokens</c>: the tokens of exactly what would be sent upstream.</summary>
    public async Task<IResult> CountTokensAsync(HttpContext context)
    {
        var (request, error) = await ReadAsync(context, requireMaxTokens: false);
        if (error is not null)
        {
            return new ApiErrorResult(error);
        }

        var chatRequest = ChatRequestTranslator.Translate(request!, models.Resolve(request!.Model!));
        return TypedResults.Json(new CountTokensResponse(tokens.Count(chatRequest)), AnthropicJson.CountTokensResponse);
    }

    private async Task<(MessagesRequest? Request, ApiError? Error)> ReadAsync(HttpContext context, bool requireMaxTokens)
    {
        var (request, readError) = await bodyReader.ReadAsync(context, AnthropicJsonContext.Default.MessagesRequest);
        if (readError is not null)
        {
            return (null, readError);
        }

        return MessagesRequestValidator.Validate(request!, requireMaxTokens) is { } invalid ? (null, invalid) : (request, null);
    }

    private async Task<(HttpResponseMessage? Response, ApiError? Error)> SendAsync(IUpstreamExchange exchange, bool streaming, CancellationToken requestAborted)
    {
        var body = exchange.SerializeRequest();

        // One token for the wait on headers: the client's abort, or the header timeout.
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        headersTimeout.CancelAfter(_upstreamOptions.HeadersTimeout);
        try
        {
            return (await upstream.PostAsync(exchange.Path, body, streaming, headersTimeout.Token), null);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            Log.UpstreamTimedOut(logger, _upstreamOptions.BaseUrl, _upstreamOptions.HeadersTimeout);
            return (null, UpstreamErrorMap.HeadersTimedOut(_upstreamOptions.BaseUrl, _upstreamOptions.HeadersTimeout));
        }
        catch (HttpRequestException e)
        {
            Log.UpstreamUnreachable(logger, _upstreamOptions.BaseUrl, e.Message);
            return (null, UpstreamErrorMap.Unreachable(_upstreamOptions.BaseUrl, e));
        }
    }

    private async Task<ApiError> ReadUpstreamErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.TryGetValues("retry-after", out var values) ? string.Join(",", values) : null;
        byte[]? buffer = null;
        var length = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            (buffer, length) = await BoundedReader.ReadAsync(stream, MaxErrorBodyBytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status says enough; the message falls back to it.
        }

        ApiError error;
        try
        {
            error = UpstreamErrorMap.FromResponse(status, buffer.AsSpan(0, Math.Min(length, MaxErrorBodyBytes)), retryAfter, _upstreamOptions.BaseUrl);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        Log.UpstreamError(logger, status, error.Type);
        return error;
    }

    private async Task<IResult> TranslateCompletionAsync(
        HttpContext context, HttpResponseMessage response, IUpstreamExchange exchange, string requestedModel, string upstreamModel, ClientProfile profile, ChatOperation operation)
    {
        CompletedAnswer answer;
        byte[]? buffer = null;
        try
        {
            // Reading the body is waiting on the upstream; parsing it is the translator's own work.
            var reading = Stopwatch.GetTimestamp();
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            (buffer, var length) = await BoundedReader.ReadAsync(body, _maxUpstreamResponseBytes, context.RequestAborted);
            operation.AddUpstreamWait(Stopwatch.GetTimestamp() - reading);
            if (length > _maxUpstreamResponseBytes)
            {
                return Fail(operation, ApiError.BadGateway(
                    $"The upstream's answer is larger than {_maxUpstreamResponseBytes} bytes (Translator:Limits:MaxUpstreamResponseBytes)."));
            }

            using (operation.StartStep("translate response"))
            {
                answer = exchange.Translate(buffer.AsSpan(0, length), requestedModel, profile);
            }
        }
        catch (JsonException e)
        {
            Log.MalformedCompletion(logger, e.Message);
            return Fail(operation, ApiError.BadGateway("The upstream answered with a body that is not valid JSON."));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            Log.UpstreamUnreachable(logger, _upstreamOptions.BaseUrl, e.Message);
            return Fail(operation, ApiError.BadGateway("The upstream connection broke off before the answer was complete."));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (answer.Message is not { } message)
        {
            return Fail(operation, answer.Error!);
        }

        operation.Completed(answer.ResponseModel ?? upstreamModel, answer.FinishReason, message.Usage);
        if (operation.CaptureContent)
        {
            operation.Activity?.SetTag("gen_ai.output.messages", JsonSerializer.Serialize(message, AnthropicJson.MessagesResponse));
        }

        UpstreamModelHeader.Set(context.Response, answer.ResponseModel ?? upstreamModel);
        return new ObservedResult(TypedResults.Json(message, AnthropicJson.MessagesResponse), operation);
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "The upstream at {BaseUrl} could not be reached: {Reason}")]
        public static partial void UpstreamUnreachable(ILogger logger, string baseUrl, string reason);

        [LoggerMessage(11, LogLevel.Warning, "The upstream at {BaseUrl} sent no headers within {Timeout}")]
        public static partial void UpstreamTimedOut(ILogger logger, string baseUrl, TimeSpan timeout);

        [LoggerMessage(12, LogLevel.Information, "The upstream answered {Status}; the client gets {ErrorType}")]
        public static partial void UpstreamError(ILogger logger, int status, string errorType);

        [LoggerMessage(13, LogLevel.Warning, "The upstream sent a malformed completion: {Reason}")]
        public static partial void MalformedCompletion(ILogger logger, string reason);
    }
}
