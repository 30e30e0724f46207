using System.Diagnostics;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Fallback;
using Translator.Api.Memory;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// A request translated for an OpenAI upstream, in the protocol its target is called with:
/// <code>
/// 1 translate and send upstream (counting the input tokens meanwhile), wait for its headers
///   (bounded by HeadersTimeout)  -> unreachable / timeout / error status: the target's failure
/// 2a stream:   translate the body as it comes (each read re-arms IdleTimeout)
/// 2b complete: read the answer (likewise bounded), translate it back
/// 2c complete, streamed upstream (Translator:Upstream:AlwaysStream): the stream assembled into the answer
/// </code>
/// A failure before anything reached the client (step 1, or a stream that fails before its
/// content while another target follows) is returned to <see cref="MessagesHandler"/>'s loop
/// over the route's targets, unanswered; every other outcome is answered here.
/// </summary>
internal sealed partial class TranslatedRoute(
    UpstreamClient upstream,
    TokenCounter tokens,
    SecretRedactor redactor,
    TranslatorOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly UpstreamOptions _upstreamOptions = options.Upstream;
    private readonly UpstreamErrorReader _errors = new(options.Upstream.BaseUrl, redactor, timeProvider, logger);
    private readonly TranslatedStreamSettings _streamLimits = new(options.Streaming.PingInterval, options.Upstream.IdleTimeout, options.Limits.MaxSseLineBytes);
    private readonly int _maxUpstreamResponseBytes = options.Limits.MaxUpstreamResponseBytes;
    private readonly AssembledAnswerReader _assembled = new(options, logger);

    /// <summary>Calls the target and answers the client; or returns the target's failure, the client not answered yet.</summary>
    public async Task<TargetFailure?> CallAsync(HttpContext context, TranslatedCall call)
    {
        var (request, target, operation, callToken) = (call.Plan.Request, call.Target, call.Operation, call.CallToken);
        ShowEffort(context, operation, target);

        // :: Step 1 - the input estimate for message_start is counted while the request is on its way.
        var (streaming, upstreamStreams) = (call.Plan.StreamsToClient, call.Plan.UpstreamStreams);
        UpstreamRequest upstreamRequest;
        using (operation.StartStep("translate request"))
        {
            upstreamRequest = target.Protocol.TranslateRequest(request, target, operation.CaptureContent);
        }

        if (upstreamRequest.CapturedInput is { } input)
        {
            operation.Activity?.SetTag("gen_ai.input.messages", input);
        }

        // What OpenAI's limits changed (tool names, strict schemas, a small max_tokens) is undone for the client.
        var output = target.Output;
        if (output.NotStrict.ToList() is { Count: > 0 } notStrict)
        {
            operation.Activity?.SetTag("translator.strict_schema_fallback", string.Join(",", notStrict));
        }

        var shaper = output.Shaper(request.MaxTokens, text => tokens.Count(text, context.RequestAborted));

        var sendStarted = Stopwatch.GetTimestamp();
        var sending = SendAsync(target.Protocol.Path, upstreamRequest.Body, upstreamStreams, call);
        // A stream's message_start carries it; an assembled answer closed at a stop sequence never gets the upstream's usage and reports it.
        var counts = streaming || (upstreamStreams && request.StopSequences is { Count: > 0 });
        Usage? estimate;
        try
        {
            estimate = counts ? new Usage { InputTokens = tokens.Count(request, target.Output, target.Protocol.Layout, context.RequestAborted) } : null;
        }
        catch (OperationCanceledException)
        {
            // The client left while its request was counted: an upstream answer that already came is closed, not left to the GC.
            (await sending).Response?.Dispose();
            throw;
        }

        var (response, sendFailure) = await sending;
        operation.AddUpstreamWait(Stopwatch.GetTimestamp() - sendStarted);
        if (sendFailure is not null)
        {
            return sendFailure;
        }

        using (response)
        {
            operation.UpstreamFirstByte();
            callToken.HeadersReceived(_upstreamOptions.IdleTimeout);
            if (!response!.IsSuccessStatusCode)
            {
                return await _errors.ReadAsync(response, callToken);
            }

            if (streaming)
            {
                // :: Step 2a
                var held = new HeldOutput(context.Response.BodyWriter, operation.ClientFirstByte);
                var events = new AnthropicEventWriter(held, call.Profile, call.Plan.ThinkingDisplay) { AppliedEdits = call.AppliedEdits, Shaper = shaper, StopSequences = StopSequenceMatcher.For(request.StopSequences) };
                var translator = target.Protocol.CreateStreamTranslator(events, call.Plan.RequestedModel, estimate!, new StreamTranslatorSettings(redactor, operation.CaptureContent));
                var stream = new TranslatedStream(response, translator, operation, callToken, _streamLimits, timeProvider, logger);
                if (await stream.WriteAsync(context, target.Model, events, held, call.AnotherTargetFollows) is not { } early)
                {
                    return null;
                }

                if (early.PromptTooLong is null)
                {
                    return TargetFailure.EarlyStreamError(early);
                }

                await FailAsync(context, call, early);
            }
            else if (upstreamStreams)
            {
                // :: Step 2c
                var answer = await _assembled.ReadAsync(
                    response,
                    events => target.Protocol.CreateStreamTranslator(events, call.Plan.RequestedModel, estimate ?? new Usage(), new StreamTranslatorSettings(redactor, operation.CaptureContent)),
                    call.Profile,
                    call.Plan.ThinkingDisplay,
                    shaper,
                    StopSequenceMatcher.For(request.StopSequences),
                    operation,
                    callToken);
                if (call.AnotherTargetFollows && answer is { Error: { } error, ErrorBeforeContent: true } && TargetFailure.EarlyStreamError(error) is { FallsThrough: true } early)
                {
                    return early;
                }

                await AnswerAsync(context, call, answer, shaper: null, stopSequences: null);
            }
            else
            {
                // :: Step 2b
                await TranslateAnswerAsync(context, response, call, shaper);
            }
        }

        return null;
    }

    /// <summary>
    /// Every failure of the translated path that is answered without a stream: recorded on the
    /// operation, written as the envelope. An upstream's error comes here already redacted.
    /// </summary>
    public Task FailAsync(HttpContext context, TranslatedCall call, ApiError error)
    {
        var operation = call.Operation;
        if (error.PromptTooLong is { } size)
        {
            // Anthropic's wording, which Claude Code reads to compact: the upstream's sizes where it
            // gave them, else our count of the request and the model's configured window.
            error = PromptTooLong.Error(size.Tokens ?? tokens.Count(call.Plan.Request, call.Target.Output, call.Target.Protocol.Layout, context.RequestAborted), size.Maximum ?? call.Target.ContextWindow);
        }

        operation.Failed(error);
        operation.ClientFirstByte();
        return ApiErrorResult.WriteAsync(context, error);
    }

    /// <summary>The effort the target reasons with, on the span and in the <c>x-reasoning-effort</c> header.</summary>
    private static void ShowEffort(HttpContext context, CallOperation operation, UpstreamTarget target)
    {
        if (target.ReasoningEffort is { } effort)
        {
            operation.Activity?.SetTag("translator.reasoning_effort", effort);
            context.Response.Headers["x-reasoning-effort"] = effort;
        }
    }

    /// <summary>
    /// Sends the request, retried as <see cref="UpstreamRetryPolicy"/> allows only where the route
    /// has no other target: there, the next target is the retry, and no target is called twice.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, TargetFailure? Failure)> SendAsync(string path, byte[] body, bool streaming, TranslatedCall call)
    {
        try
        {
            return (await upstream.PostAsync(path, body, streaming, call.Operation, call.CallToken.Token, retry: call.RetriesUpstream), null);
        }
        catch (OperationCanceledException) when (call.CallToken.TimedOut)
        {
            Log.UpstreamTimedOut(logger, _upstreamOptions.BaseUrl, _upstreamOptions.HeadersTimeout);
            return (null, TargetFailure.TimedOut(UpstreamErrorMap.HeadersTimedOut(_upstreamOptions.BaseUrl, _upstreamOptions.HeadersTimeout)));
        }
        catch (HttpRequestException e)
        {
            Log.UpstreamUnreachable(logger, _upstreamOptions.BaseUrl, e.Message);
            return (null, TargetFailure.Unreachable(UpstreamErrorMap.Unreachable(_upstreamOptions.BaseUrl, e)));
        }
    }

    private async Task TranslateAnswerAsync(HttpContext context, HttpResponseMessage response, TranslatedCall call, AnswerShaper? shaper)
    {
        var (target, operation, callToken) = (call.Target, call.Operation, call.CallToken);
        CompletedAnswer answer;
        byte[]? buffer = null;
        try
        {
            // Reading the body is waiting on the upstream; parsing it is the translator's own work.
            var reading = Stopwatch.GetTimestamp();
            await using var body = callToken.Watch(await response.Content.ReadAsStreamAsync(callToken.Token));
            (buffer, var length) = await BoundedReader.ReadAsync(body, _maxUpstreamResponseBytes, callToken.Token);
            operation.AddUpstreamWait(Stopwatch.GetTimestamp() - reading);
            if (length > _maxUpstreamResponseBytes)
            {
                await FailAsync(context, call, ApiError.BadGateway(
                    $"The upstream's answer is larger than {_maxUpstreamResponseBytes} bytes (Translator:Limits:MaxUpstreamResponseBytes)."));
                return;
            }

            using (operation.StartStep("translate response"))
            {
                answer = target.Protocol.TranslateAnswer(buffer.AsSpan(0, length), call.Plan.RequestedModel, call.Profile, redactor);
            }
        }
        catch (OperationCanceledException) when (callToken.TimedOut)
        {
            ForwardingLog.UpstreamIdle(logger, _upstreamOptions.IdleTimeout);
            await FailAsync(context, call, UpstreamErrorMap.Idle(_upstreamOptions.IdleTimeout));
            return;
        }
        catch (JsonException e)
        {
            Log.MalformedCompletion(logger, e.Message);
            await FailAsync(context, call, ApiError.BadGateway("The upstream answered with a body that is not valid JSON."));
            return;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            Log.UpstreamUnreachable(logger, _upstreamOptions.BaseUrl, e.Message);
            await FailAsync(context, call, ApiError.BadGateway("The upstream connection broke off before the answer was complete."));
            return;
        }
        finally
        {
            if (buffer is not null)
            {
                LargeArrays.Return(buffer);
            }
        }

        await AnswerAsync(context, call, answer, shaper, call.Plan.Request.StopSequences);
    }

    /// <summary>A complete answer as the request asked to see it, or its error.</summary>
    /// <param name="shaper">What undoes OpenAI's limits on a translated answer; null (as <paramref name="stopSequences"/>) where the answer's events already went through it.</param>
    private async Task AnswerAsync(HttpContext context, TranslatedCall call, CompletedAnswer answer, AnswerShaper? shaper, IReadOnlyList<string>? stopSequences)
    {
        var (target, operation) = (call.Target, call.Operation);
        if (answer.Message is not { } translated)
        {
            await FailAsync(context, call, answer.Error!);
            return;
        }

        var message = ThinkingPolicy.Apply(StopSequenceCut.Apply(shaper?.Apply(translated) ?? translated, stopSequences), call.Plan.ThinkingDisplay) with
        {
            ContextManagement = call.AppliedEdits is { } applied ? new ContextManagementResponse { AppliedEdits = applied } : null,
        };

        operation.Completed(answer.ResponseModel ?? target.Model, answer.FinishReason, message.StopReason, message.Usage);
        if (operation.CaptureContent)
        {
            operation.Activity?.SetTag("gen_ai.output.messages", JsonSerializer.Serialize(message, AnthropicJson.MessagesResponse));
        }

        UpstreamModelHeader.Set(context.Response, answer.ResponseModel ?? target.Model);
        operation.ClientFirstByte();
        await TypedResults.Json(message, AnthropicJson.MessagesResponse).ExecuteAsync(context);
    }

    /// <summary>The translated route's own log messages (event ids 10-19; 12 is <see cref="UpstreamErrorReader"/>'s; those it shares with the stream are <see cref="ForwardingLog"/>'s).</summary>
    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "The upstream at {BaseUrl} could not be reached: {Reason}")]
        public static partial void UpstreamUnreachable(ILogger logger, string baseUrl, string reason);

        [LoggerMessage(11, LogLevel.Warning, "The upstream at {BaseUrl} sent no headers within {Timeout}")]
        public static partial void UpstreamTimedOut(ILogger logger, string baseUrl, TimeSpan timeout);

        [LoggerMessage(13, LogLevel.Warning, "The upstream sent a malformed completion: {Reason}")]
        public static partial void MalformedCompletion(ILogger logger, string reason);
    }
}
