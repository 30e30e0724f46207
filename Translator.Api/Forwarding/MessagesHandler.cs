using System.Diagnostics;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Fallback;
using Translator.Api.Models;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// <c>POST /v1/messages</c>, served by the targets of the requested model's route, in order:
/// <code>
/// 1 read the body, which names a model  -> 400 / 413 on bad input
/// 2 plan the call (<see cref="CallPlanner"/>: the route's targets that can serve the request, by
///   the translator's own checks for its translated ones -> 400; each one's model, protocol,
///   limits, effort, cache key; whether it streams); the call's operation (span, metrics) starts, owned here
/// 3 each target in turn, skipping one that cools after a 429 until its reset (<see cref="TargetCooldowns"/>):
///   a translated one (<see cref="TranslatedRoute"/>, the context edits applied for its layout) or
///   Claude itself; a target that fails before anything reached the client, in a way the next one
///   may not repeat (<see cref="TargetFailure"/>), leaves the request to the next
/// 4 no target left: the last failure's error; for a 429, retry-after is the earliest reset of any target
/// </code>
/// Whatever happens (an answer, an error, a client that leaves at any step, an exception) the
/// operation ends once, when this method returns, and every upstream response is closed.
/// </summary>
internal sealed partial class MessagesHandler(
    RequestBodyReader bodyReader,
    CallPlanner planner,
    UpstreamClient upstream,
    ClaudeRoute claudeRoute,
    ClaudeTokenCount claudeCount,
    TokenCounter tokens,
    SecretRedactor redactor,
    TargetCooldowns cooldowns,
    IOptions<TranslatorOptions> options,
    TimeProvider timeProvider,
    ILogger<MessagesHandler> logger,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _callLogger = loggerFactory.CreateLogger(CallLog.Category);
    private readonly UpstreamOptions _upstreamOptions = options.Value.Upstream;
    private readonly bool _captureContent = options.Value.Telemetry.CaptureContent;
    private readonly TranslatedRoute _translated = new(upstream, tokens, redactor, options.Value, timeProvider, logger);

    public async Task HandleAsync(HttpContext context, ClientProfile profile)
    {
        var started = Stopwatch.GetTimestamp();

        // :: Step 1
        var (request, body, readError) = await ReadAsync(context);
        using var rawBody = body;
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

        // A route without a Claude target never sends the body as it came: its buffer (16 KB at the
        // least) goes back now, not when a stream that may stay open for minutes ends.
        if (!plan!.Targets.Any(static target => target is ClaudeTarget))
        {
            rawBody!.Dispose();
        }

        var first = plan.Targets[0];
        using var operation = new CallOperation(context, started, plan.RequestedModel, first.Name, ProtocolOf(first), plan.StreamsToClient, _captureContent, _callLogger);
        RequestFieldsReport.Record(request!, operation.Activity, logger);
        if (operation.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("translator.route", string.Join(",", plan.Targets.Select(t => t.Name)));
        }

        try
        {
            await ServeAsync(context, plan, rawBody!, profile, operation);
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
        var (request, body, error) = await ReadAsync(context);
        using var rawBody = body;
        if (error is null && claudeCount.FirstTargetOf(request!.Model!) is { } claude && await claudeCount.CountTokensAsync(context, claude, rawBody!, request.Model))
        {
            return Results.Empty;
        }

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

    /// <summary>:: Steps 3 and 4 - the targets in turn, each called at most once, until one answers.</summary>
    private async Task ServeAsync(HttpContext context, CallPlan plan, RequestBody body, ClientProfile profile, CallOperation operation)
    {
        var targets = plan.Targets;
        Attempt? last = null;
        var (earliestReset, coolest) = (default(DateTimeOffset?), default(Cooldown?));
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var follows = i < targets.Count - 1;

            // A rest spares a refused call before another target serves. A route of one target
            // always asks it: its own answer is the best word (a limit may end early, when credits are bought).
            if (targets.Count > 1 && cooldowns.IsCooling(target.Name, out var cooldown))
            {
                operation.AttemptFailed(target.Name, FallbackReason.Cooling, error: null, movesOn: follows);
                coolest = coolest is { } c && c.Until <= cooldown.Until ? c : cooldown;
                earliestReset = UpstreamReset.Earliest(earliestReset, cooldown.Until);
                continue;
            }

            if (last is not null)
            {
                ForgetFailedAttempt(context.Response);
            }

            operation.Attempting(target.Name, ProtocolOf(target));
            using var callToken = new UpstreamCallToken(context.RequestAborted, _upstreamOptions.HeadersTimeout, timeProvider);
            var attempt = target switch
            {
                UpstreamTarget translated => await TranslatedAsync(context, plan, i, translated, profile, operation, callToken, follows),
                ClaudeTarget claude => await ClaudeAsync(context, plan, claude, body, operation, callToken),
                _ => throw new UnreachableException($"A target of an unknown kind: {target}"),
            };

            if (attempt is not { Failure: { } failure })
            {
                operation.Answered(target.Name);
                return;
            }

            if (failure is { ResetsAt: { } reset, Error.StatusCode: StatusCodes.Status429TooManyRequests })
            {
                cooldowns.Cool(target.Name, reset, failure.Headline ?? failure.Error.Message);
                earliestReset = UpstreamReset.Earliest(earliestReset, reset);
            }

            var movesOn = failure.FallsThrough && follows;
            operation.AttemptFailed(target.Name, failure.Reason, failure.Error, movesOn);
            last = attempt;
            if (!movesOn)
            {
                break;
            }
        }

        await FailAsync(context, operation, last, coolest, earliestReset);
    }

    /// <summary>A translated target, its context edits applied in its layout; null when it answered the client.</summary>
    private async Task<Attempt?> TranslatedAsync(HttpContext context, CallPlan plan, int index, UpstreamTarget target, ClientProfile profile, CallOperation operation, UpstreamCallToken callToken, bool follows)
    {
        var (edited, applied) = EditContext(plan, target, operation, context.RequestAborted);
        var call = new TranslatedCall
        {
            Plan = edited,
            Target = (UpstreamTarget)edited.Targets[index],
            Profile = profile,
            Operation = operation,
            CallToken = callToken,
            AppliedEdits = applied,
            AnotherTargetFollows = follows,
            RetriesUpstream = plan.Targets.Count == 1,
        };
        return await _translated.CallAsync(context, call) is { } failure ? new Attempt(failure, call, null) : null;
    }

    /// <summary>The Claude route: the client's request as it came (Anthropic applies its context edits itself); null when it answered the client.</summary>
    private async Task<Attempt?> ClaudeAsync(HttpContext context, CallPlan plan, ClaudeTarget target, RequestBody body, CallOperation operation, UpstreamCallToken callToken)
    {
        var (response, failure) = await claudeRoute.SendAsync(context, ClaudeRoute.BodyFor(target, body, plan.RequestedModel), plan.StreamsToClient, operation, callToken, retry: plan.Targets.Count == 1);
        if (failure is not null)
        {
            return new Attempt(TargetFailure.Answered(failure.Error, UpstreamReset.Of(failure.Headers, timeProvider.GetUtcNow())), null, failure);
        }

        using (response)
        {
            await claudeRoute.RelayAsync(context, response!, target, plan.StreamsToClient, operation, callToken);
        }

        return null;
    }

    /// <summary>
    /// No target answered: the last failure's error, or, when every target was cooling, a 429 that
    /// says what limit and when it resets. A 429 carries <c>retry-after</c>, in seconds, of the
    /// earliest reset of any target, so that Claude Code waits instead of looping.
    /// </summary>
    private Task FailAsync(HttpContext context, CallOperation operation, Attempt? last, Cooldown? coolest, DateTimeOffset? earliestReset)
    {
        var now = timeProvider.GetUtcNow();
        var error = last?.Failure.Error ?? ApiError.RateLimit(ResetWording.Message(coolest!.Value.Headline, coolest.Value.Until, now));
        if (error.StatusCode == StatusCodes.Status429TooManyRequests && earliestReset is { } reset)
        {
            error = error with { RetryAfter = UpstreamReset.RetryAfterSeconds(reset, now) };
        }

        if (last?.Translated is { } call)
        {
            return _translated.FailAsync(context, call, error);
        }

        if (last?.Claude is { } claude)
        {
            // Anthropic's own body goes as it came; the retry-after the client sees is the route's.
            return ClaudeRoute.FailAsync(context, error.RetryAfter is { } after && claude.AnthropicBody is not null
                ? claude with { Error = error, Headers = [.. claude.Headers.Where(h => !h.Key.Equals("retry-after", StringComparison.OrdinalIgnoreCase)), new("retry-after", after)] }
                : claude with { Error = error }, operation);
        }

        operation.Failed(error);
        operation.ClientFirstByte();
        return ApiErrorResult.WriteAsync(context, error);
    }

    /// <summary>What a failed attempt set on the response, which is not the next target's to say.</summary>
    private static void ForgetFailedAttempt(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.Remove(UpstreamModelHeader.Name);
        response.Headers.Remove("x-reasoning-effort");
        response.Headers.CacheControl = default;
        response.ContentType = null;
    }

    private static string ProtocolOf(CallTarget target) => target is UpstreamTarget translated ? translated.Protocol.Name : ClaudeRoute.ProtocolName;

    /// <summary>A target's failure, and what answers the client with it if no target is left: the translated call, or the Claude route's failure.</summary>
    private sealed record Attempt(TargetFailure Failure, TranslatedCall? Translated, ClaudeFailure? Claude);

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

    /// <summary>The body, which must name a model (it chooses the route), and its bytes for the Claude route (the caller disposes them).</summary>
    private async Task<(MessagesRequest? Request, RequestBody? Body, ApiError? Error)> ReadAsync(HttpContext context)
    {
        var (request, body, readError) = await bodyReader.ReadWithBodyAsync(context, AnthropicJsonContext.Default.MessagesRequest);
        if ((readError ?? MessagesRequestValidator.ValidateModel(request!)) is { } refused)
        {
            body?.Dispose();
            return (null, null, refused);
        }

        return (request, body, null);
    }
}
