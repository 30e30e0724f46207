using System.Diagnostics;
using Translator.Api.Anthropic;

namespace Translator.Api.Diagnostics;

/// <summary>
/// One translated call (either upstream protocol) as telemetry sees it: the GenAI span (a child of the server span), its events,
/// the metrics recorded when it ends, and the call's line in the log (<see cref="CallLog"/>). It
/// keeps the time spent waiting on the upstream, so that what remains of the request's duration is
/// the translator's own overhead. The handler that starts it owns it: disposing it ends the span,
/// records the metrics and writes the line, once.
/// </summary>
internal sealed class CallOperation : IDisposable
{
    private readonly HttpContext _context;
    private readonly ILogger _logger;
    private readonly long _started;
    /// <summary>Where <see cref="_tags"/> holds the provider and the protocol, which change when a request falls through to a target of another.</summary>
    private const int ProviderTag = 1;
    private const int ProtocolTag = 4;

    private readonly string _route;
    private readonly string _requestedModel;
    private TagList _tags;
    private string _protocol;
    private string? _fallbacks;
    private readonly bool _streaming;
    private string _upstreamModel;
    private long _upstreamWaitTicks;
    private TimeSpan? _timeToFirstToken;
    private int _attempts;
    private Usage? _usage;
    private string? _stopReason;
    private ApiError? _error;
    private bool _hasOutcome;
    private bool _ended;

    /// <param name="started">When the request reached the handler (<see cref="Stopwatch.GetTimestamp"/>).</param>
    /// <param name="logger">Where the call's line goes when it ends.</param>
    public CallOperation(HttpContext context, long started, string requestedModel, string upstreamModel, string protocol, bool streaming, bool captureContent, ILogger logger)
    {
        _context = context;
        _logger = logger;
        _started = started;
        _route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? string.Empty;
        _requestedModel = requestedModel;
        _upstreamModel = upstreamModel;
        _protocol = protocol;
        _streaming = streaming;
        CaptureContent = captureContent;
        _tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", ProviderOf(protocol) },
            { "gen_ai.request.model", requestedModel },
            { "http.route", _route },
            { "translator.upstream.protocol", protocol },
        };

        Activity = TranslatorTelemetry.Source.StartActivity($"chat {requestedModel}", ActivityKind.Client);
        if (Activity is { IsAllDataRequested: true })
        {
            foreach (var tag in _tags)
            {
                Activity.SetTag(tag.Key, tag.Value);
            }

            Activity.SetTag("translator.request.id", context.TraceIdentifier);
            Activity.SetTag("translator.upstream.model", upstreamModel);
            Activity.SetTag("translator.stream", streaming);
        }
    }

    public Activity? Activity { get; }

    /// <summary>The Claude route (protocol "anthropic") is served by Anthropic's API, every other by OpenAI's.</summary>
    private static string ProviderOf(string protocol) => protocol == "anthropic" ? "anthropic" : "openai";

    private void AddAttempt(string target, string outcome, string? reason, ApiError? error)
    {
        if (Activity is not { IsAllDataRequested: true })
        {
            return;
        }

        var tags = new ActivityTagsCollection
        {
            { "translator.target", target },
            { "translator.attempt.outcome", outcome },
        };
        if (reason is not null)
        {
            tags.Add("translator.fallback.reason", reason);
        }

        if (error is not null)
        {
            tags.Add("error.type", error.Type);
            tags.Add("http.response.status_code", error.StatusCode);
        }

        Activity.AddEvent(new ActivityEvent(TranslatorTelemetry.Events.Attempt, tags: tags));
    }

    public bool CaptureContent { get; }

    /// <summary>A step of the translation as a span of its own, a child of this operation.</summary>
    public Activity? StartStep(string name) =>
        Activity is null ? null : TranslatorTelemetry.Source.StartActivity(name, ActivityKind.Internal, Activity.Context);

    public void AddUpstreamWait(long elapsedTicks) => _upstreamWaitTicks += elapsedTicks;

    /// <summary>The request goes to <paramref name="target"/> of its route (a first one, or the next after a failure).</summary>
    public void Attempting(string target, string protocol)
    {
        _upstreamModel = target;
        if (protocol != _protocol)
        {
            _protocol = protocol;
            _tags[ProviderTag] = new("gen_ai.provider.name", ProviderOf(protocol));
            _tags[ProtocolTag] = new("translator.upstream.protocol", protocol);
        }

        if (Activity is { IsAllDataRequested: true })
        {
            Activity.SetTag("translator.upstream.model", target);
            Activity.SetTag("gen_ai.provider.name", ProviderOf(protocol));
            Activity.SetTag("translator.upstream.protocol", protocol);
        }
    }

    /// <summary>The target answered the client (with the answer, or an error no other target could have done better on).</summary>
    public void Answered(string target) => AddAttempt(target, "answered", reason: null, error: null);

    /// <summary>
    /// A target failed before anything reached the client (or was skipped, cooling: <paramref name="reason"/>
    /// <c>cooling</c>); with <paramref name="movesOn"/> the request goes on to the next target.
    /// </summary>
    public void AttemptFailed(string target, string? reason, ApiError? error, bool movesOn)
    {
        AddAttempt(target, reason == Fallback.FallbackReason.Cooling ? "cooling" : movesOn ? "fell_through" : "failed", reason, error);
        if (!movesOn)
        {
            return;
        }

        TranslatorTelemetry.Fallbacks.Add(1, new KeyValuePair<string, object?>("translator.fallback.reason", reason), new KeyValuePair<string, object?>("gen_ai.request.model", _requestedModel));
        _fallbacks = $"{_fallbacks}{(_fallbacks is null ? " after " : ", ")}{target} {reason}";
    }

    /// <summary>A request went upstream: the first attempt, or a retry of it.</summary>
    public void UpstreamAttempt() => _attempts++;

    public void UpstreamFirstByte() => Activity?.AddEvent(new ActivityEvent(TranslatorTelemetry.Events.UpstreamFirstByte));

    public void ClientFirstByte() => Activity?.AddEvent(new ActivityEvent(TranslatorTelemetry.Events.ClientFirstByte));

    /// <summary>The first content delta reached the client: time to first token.</summary>
    public void FirstContentSent()
    {
        if (_timeToFirstToken is not null)
        {
            return;
        }

        _timeToFirstToken = Stopwatch.GetElapsedTime(_started);
        TranslatorTelemetry.TimeToFirstToken.Record(_timeToFirstToken.Value.TotalSeconds, _tags);
        Activity?.SetTag("translator.time_to_first_token_ms", _timeToFirstToken.Value.TotalMilliseconds);
    }

    /// <param name="finishReason">The upstream's reason (<c>stop</c>, <c>tool_calls</c>...).</param>
    /// <param name="stopReason">The one the client was given (<c>end_turn</c>, <c>tool_use</c>...).</param>
    public void Completed(string? responseModel, string? finishReason, string? stopReason, Usage? usage)
    {
        _hasOutcome = true;
        _usage = usage;
        _stopReason = stopReason;
        _upstreamModel = responseModel ?? _upstreamModel;
        if (Activity is { IsAllDataRequested: true })
        {
            Activity.SetTag("gen_ai.response.model", responseModel);
            Activity.SetTag("translator.stop_reason", stopReason);
            if (finishReason is not null)
            {
                Activity.SetTag("gen_ai.response.finish_reasons", new[] { finishReason });
            }

            if (usage is not null)
            {
                Activity.SetTag("gen_ai.usage.input_tokens", InputTokens(usage));
                Activity.SetTag("gen_ai.usage.output_tokens", usage.OutputTokens);
                Activity.SetTag("gen_ai.usage.cache_read.input_tokens", usage.CacheReadInputTokens);
                Activity.SetTag("gen_ai.usage.cache_creation.input_tokens", usage.CacheCreationInputTokens);
            }
        }
    }

    /// <summary>The client went away before the answer was complete.</summary>
    public void ClientDisconnected() => Failed(new ApiError(499, "client_disconnected", "The client disconnected before the answer was complete."));

    public void Failed(ApiError error)
    {
        _hasOutcome = true;
        _error = error;
        Activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        Activity?.SetTag("error.type", error.Type);
    }

    public void Dispose()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (!_hasOutcome)
        {
            // An exception the handler did not expect: the error handler answers the client.
            Failed(ApiError.Internal("The call ended without an answer."));
        }

        var total = Stopwatch.GetElapsedTime(_started);
        var overhead = total - Stopwatch.GetElapsedTime(0, _upstreamWaitTicks);
        TranslatorTelemetry.OperationDuration.Record(total.TotalSeconds, _tags);
        TranslatorTelemetry.Overhead.Record(Math.Max(0, overhead.TotalSeconds), _tags);
        if (_usage is not null)
        {
            var input = _tags;
            input.Add("gen_ai.token.type", "input");
            TranslatorTelemetry.TokenUsage.Record(InputTokens(_usage), input);
            var output = _tags;
            output.Add("gen_ai.token.type", "output");
            TranslatorTelemetry.TokenUsage.Record(_usage.OutputTokens, output);
        }

        // What the client got: the status sent, or, when nothing was (it left, or the error handler
        // answers after this), the status of the error the call ended with.
        var response = _context.Response;
        var statusCode = response.HasStarted || _error is null ? response.StatusCode : _error.StatusCode;
        var retries = Math.Max(0, _attempts - 1);
        Activity?.SetTag("translator.client.status_code", statusCode);
        Activity?.SetTag("translator.upstream.retries", retries);
        Activity?.SetTag("translator.overhead_ms", overhead.TotalMilliseconds);
        CallLog.CallEnded(
            _logger,
            _route,
            _context.TraceIdentifier,
            _requestedModel,
            _upstreamModel,
            _protocol,
            _streaming ? "stream" : "non-stream",
            statusCode,
            _error?.Type ?? _stopReason ?? string.Empty,
            _usage is null ? 0 : InputTokens(_usage),
            _usage?.OutputTokens ?? 0,
            _usage?.CacheReadInputTokens ?? 0,
            // Rounded up: zero means no content reached the client.
            (long)Math.Ceiling(_timeToFirstToken?.TotalMilliseconds ?? 0),
            total.TotalSeconds,
            retries,
            _fallbacks ?? string.Empty);
        Activity?.Dispose();
    }

    /// <summary>Every input token, cached or not: what the GenAI conventions count as input.</summary>
    private static long InputTokens(Usage usage) => usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens;
}
