using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Memory;
using Translator.Api.Models;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// <c>POST /v1/messages</c> against an OpenAI upstream, in the protocol the model map chooses:
/// <code>
/// 1 read the body, which names a model  -> 400 / 413 on bad input
/// 2 plan the call (<see cref="CallPlanner"/>: the route's targets that can serve the request, by
///   the translator's own checks for its translated ones -> 400; each one's model, protocol,
///   limits, effort, cache key; whether it streams); the call's operation (span, metrics) starts,
///   owned here; the context edits are applied
/// 3 translate and send upstream (counting the input tokens meanwhile), wait for its headers
///   (bounded by HeadersTimeout)  -> upstream status / unreachable / timeout mapped to Anthropic errors
/// 4a stream:   translate the body as it comes (each read re-arms IdleTimeout)
/// 4b complete: read the answer (likewise bounded), translate it back
/// 4c complete, streamed upstream (Translator:Upstream:AlwaysStream): the stream assembled into the answer
/// </code>
/// Whatever happens (an answer, an error, a client that leaves at any step, an exception) the
/// operation ends once, when this method returns, and the upstream response is closed.
/// </summary>
internal sealed partial class MessagesHandler(
    RequestBodyReader bodyReader,
    CallPlanner planner,
    UpstreamClient upstream,
    TokenCounter tokens,
    SecretRedactor redactor,
    IOptions<TranslatorOptions> options,
    TimeProvider timeProvider,
    ILogger<MessagesHandler> logger,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _callLogger = loggerFactory.CreateLogger(CallLog.Category);
    private readonly UpstreamOptions _upstreamOptions = options.Value.Upstream;
    private readonly UpstreamErrorReader _errors = new(options.Value.Upstream.BaseUrl, redactor, logger);
    private readonly TranslatedStreamSettings _streamLimits = new(options.Value.Streaming.PingInterval, options.Value.Upstream.IdleTimeout, options.Value.Limits.MaxSseLineBytes);
    private readonly int _maxUpstreamResponseBytes = options.Value.Limits.MaxUpstreamResponseBytes;
    private readonly bool _captureContent = options.Value.Telemetry.CaptureContent;
    private readonly AssembledAnswerReader _assembled = new(options.Value, logger);

    public async Task HandleAsync(HttpContext context, ClientProfile profile)
    {
        var started = Stopwatch.GetTimestamp();

        // :: Step 1
        var (request, readError) = await ReadAsync(context);
        if (readError is not null)
        {
            await ApiErrorResult.WriteAsync(context, readError);
            return;
        }

        // :: Step 2
        var (plan, planError) = planner.Plan(request!, ClientSession.Of(context.Request.Headers));
        if (planError is not null)
        {
            await ApiErrorResult.WriteAsync(context, planError);
            return;
        }

        if (plan!.Targets[0] is not UpstreamTarget target)
        {
            // The Claude route is served once the handler learns it; until then its request is refused plainly.
            await ApiErrorResult.WriteAsync(context, ApiError.InvalidRequest($"{plan.RequestedModel} is routed to {plan.Targets[0].Name}, and this translator does not serve the Claude route yet."));
            return;
        }

        using var operation = new CallOperation(context, started, plan.RequestedModel, target.Model, target.Protocol.Name, plan.StreamsToClient, _captureContent, _callLogger);
        RequestFieldsReport.Record(request!, operation.Activity, logger);
        using var callToken = new UpstreamCallToken(context.RequestAborted, _upstreamOptions.HeadersTimeout, timeProvider);
        try
        {
            var (edited, appliedEdits) = EditContext(plan, target, operation, context.RequestAborted);
            await CallAsync(context, new TranslatedCall
            {
                Plan = edited,
                Target = (UpstreamTarget)edited.Targets[0],
                Profile = profile,
                Operation = operation,
                CallToken = callToken,
                AppliedEdits = appliedEdits,
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left before the answer began: nobody is there to answer.
            ForwardingLog.ClientDisconnected(logger, "before the answer began");
            operation.ClientDisconnected();
        }
    }

    /// <summary><c>POST /v1/messages/count_tokens</c>: the tokens of what would be sent upstream.</summary>
    public async Task<IResult> CountTokensAsync(HttpContext context)
    {
        var (request, error) = await ReadAsync(context);
        if ((error ?? MessagesRequestValidator.Validate(request!, requireMaxTokens: false)) is { } invalid)
        {
            return new ApiErrorResult(invalid);
        }

        // A count is linear in the request, which can be 32 MB: the client that leaves stops it.
        var aborted = context.RequestAborted;
        var layout = planner.ProtocolToCount(request!).Layout;
        var output = OutputPlan.For(request!);
        if (request!.ContextManagement?.Edits is not { Count: > 0 })
        {
            return TypedResults.Json(new CountTokensResponse(tokens.Count(request, output, layout, aborted)), AnthropicJson.CountTokensResponse);
        }

        var (edited, _) = ContextEditor.Apply(request, r => tokens.Count(r, output, layout, aborted), text => tokens.Count(text, aborted));
        return TypedResults.Json(
            new CountTokensResponse(tokens.Count(edited, output, layout, aborted), new ContextManagementResponse { OriginalInputTokens = tokens.Count(request, output, layout, aborted) }),
            AnthropicJson.CountTokensResponse);
    }

    /// <summary>
    /// Applies the request's <c>context_management</c> edits to what goes upstream; the applied
    /// edits are reported with the answer (null when the request asked for none).
    /// </summary>
    private (CallPlan Edited, IReadOnlyList<AppliedContextEdit>? Applied) EditContext(CallPlan plan, UpstreamTarget target, CallOperation operation, CancellationToken aborted)
    {
        if (plan.Request.ContextManagement?.Edits is not { Count: > 0 })
        {
            return (plan, null);
        }

        using (operation.StartStep("edit context"))
        {
            var (edited, applied) = ContextEditor.Apply(plan.Request, r => tokens.Count(r, target.Output, target.Protocol.Layout, aborted), text => tokens.Count(text, aborted));
            return (CallPlanner.WithEditedRequest(plan, edited), applied);
        }
    }

    private async Task CallAsync(HttpContext context, TranslatedCall call)
    {
        var (request, target, operation, callToken) = (call.Plan.Request, call.Target, call.Operation, call.CallToken);
        ShowEffort(context, operation, target);

        // :: Step 3 - the input estimate for message_start is counted while the request is on its way.
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
        var sending = SendAsync(target.Protocol.Path, upstreamRequest.Body, upstreamStreams, operation, callToken);
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

        var (response, sendError) = await sending;
        operation.AddUpstreamWait(Stopwatch.GetTimestamp() - sendStarted);
        if (sendError is not null)
        {
            await FailAsync(context, call, sendError);
            return;
        }

        using (response)
        {
            operation.UpstreamFirstByte();
            callToken.HeadersReceived(_upstreamOptions.IdleTimeout);
            if (!response!.IsSuccessStatusCode)
            {
                await FailAsync(context, call, await _errors.ReadAsync(response, callToken));
            }
            else if (streaming)
            {
                // :: Step 4a
                var held = new HeldOutput(context.Response.BodyWriter, operation.ClientFirstByte);
                var events = new AnthropicEventWriter(held, call.Profile, call.Plan.ThinkingDisplay) { AppliedEdits = call.AppliedEdits, Shaper = shaper, StopSequences = StopSequenceMatcher.For(request.StopSequences) };
                var translator = target.Protocol.CreateStreamTranslator(events, call.Plan.RequestedModel, estimate!, new StreamTranslatorSettings(redactor, operation.CaptureContent));
                var stream = new TranslatedStream(response, translator, operation, callToken, _streamLimits, timeProvider, logger);
                if (await stream.WriteAsync(context, target.Model, events, held) is { } early)
                {
                    await FailAsync(context, call, early);
                }
            }
            else if (upstreamStreams)
            {
                // :: Step 4c
                var answer = await _assembled.ReadAsync(
                    response,
                    events => target.Protocol.CreateStreamTranslator(events, call.Plan.RequestedModel, estimate ?? new Usage(), new StreamTranslatorSettings(redactor, operation.CaptureContent)),
                    call.Profile,
                    call.Plan.ThinkingDisplay,
                    shaper,
                    StopSequenceMatcher.For(request.StopSequences),
                    operation,
                    callToken);
                await AnswerAsync(context, call, answer, shaper: null, stopSequences: null);
            }
            else
            {
                // :: Step 4b
                await TranslateAnswerAsync(context, response, call, shaper);
            }
        }
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
    /// Every failure of the translated path that is answered without a stream: recorded on the
    /// operation, written as the envelope. An upstream's error comes here already redacted.
    /// </summary>
    private Task FailAsync(HttpContext context, TranslatedCall call, ApiError error)
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

    /// <summary>The body, which must name a model (it chooses the route); the rest is checked by the route's targets.</summary>
    private async Task<(MessagesRequest? Request, ApiError? Error)> ReadAsync(HttpContext context)
    {
        var (request, readError) = await bodyReader.ReadAsync(context, AnthropicJsonContext.Default.MessagesRequest);
        if (readError is not null)
        {
            return (null, readError);
        }

        return MessagesRequestValidator.ValidateModel(request!) is { } invalid ? (null, invalid) : (request, null);
    }

    private async Task<(HttpResponseMessage? Response, ApiError? Error)> SendAsync(string path, byte[] body, bool streaming, CallOperation operation, UpstreamCallToken callToken)
    {
        try
        {
            return (await upstream.PostAsync(path, body, streaming, operation, callToken.Token), null);
        }
        catch (OperationCanceledException) when (callToken.TimedOut)
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

    /// <summary>The handler's own log messages (event ids 10-19; 12 is <see cref="UpstreamErrorReader"/>'s; those it shares with the stream are <see cref="ForwardingLog"/>'s).</summary>
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
