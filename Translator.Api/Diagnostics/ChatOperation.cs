using System.Diagnostics;
using Translator.Api.Anthropic;

namespace Translator.Api.Diagnostics;

/// <summary>
/// One chat call as telemetry sees it: the GenAI span (a child of the server span), its events,
/// and the metrics recorded when it ends. It keeps the time spent waiting on the upstream, so that
/// what remains of the request's duration is the translator's own overhead. The handler that
/// starts it owns it: disposing it ends the span and records the metrics, once.
/// </summary>
internal sealed class ChatOperation : IDisposable
{
    private readonly long _started;
    private readonly TagList _tags;
    private readonly bool _streaming;
    private long _upstreamWaitTicks;
    private bool _firstContentSent;
    private Usage? _usage;
    private bool _hasOutcome;
    private bool _ended;

    /// <param name="started">When the request reached the handler (<see cref="Stopwatch.GetTimestamp"/>).</param>
    public ChatOperation(long started, string route, string requestedModel, string upstreamModel, string protocol, bool streaming, bool captureContent)
    {
        _started = started;
        _streaming = streaming;
        CaptureContent = captureContent;
        _tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", "openai" },
            { "gen_ai.request.model", requestedModel },
            { "http.route", route },
            { "translator.upstream.protocol", protocol },
        };

        Activity = TranslatorTelemetry.Source.StartActivity($"chat {requestedModel}", ActivityKind.Client);
        if (Activity is { IsAllDataRequested: true })
        {
            foreach (var tag in _tags)
            {
                Activity.SetTag(tag.Key, tag.Value);
            }

            Activity.SetTag("translator.upstream.model", upstreamModel);
            Activity.SetTag("translator.stream", streaming);
        }
    }

    public Activity? Activity { get; }

    public bool CaptureContent { get; }

    /// <summary>A step of the translation as a span of its own, a child of this operation.</summary>
    public Activity? StartStep(string name) =>
        Activity is null ? null : TranslatorTelemetry.Source.StartActivity(name, ActivityKind.Internal, Activity.Context);

    public void AddUpstreamWait(long elapsedTicks) => _upstreamWaitTicks += elapsedTicks;

    public void UpstreamFirstByte() => Activity?.AddEvent(new ActivityEvent(TranslatorTelemetry.Events.UpstreamFirstByte));

    public void ClientFirstByte() => Activity?.AddEvent(new ActivityEvent(TranslatorTelemetry.Events.ClientFirstByte));

    /// <summary>The first content delta reached the client: time to first token.</summary>
    public void FirstContentSent()
    {
        if (_firstContentSent)
        {
            return;
        }

        _firstContentSent = true;
        TranslatorTelemetry.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, _tags);
    }

    public void Completed(string? responseModel, string? finishReason, Usage? usage)
    {
        _hasOutcome = true;
        _usage = usage;
        if (Activity is { IsAllDataRequested: true })
        {
            Activity.SetTag("gen_ai.response.model", responseModel);
            if (finishReason is not null)
            {
                Activity.SetTag("gen_ai.response.finish_reasons", new[] { finishReason });
            }

            if (usage is not null)
            {
                Activity.SetTag("gen_ai.usage.input_tokens", usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens);
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
            TranslatorTelemetry.TokenUsage.Record(_usage.InputTokens + _usage.CacheReadInputTokens + _usage.CacheCreationInputTokens, input);
            var output = _tags;
            output.Add("gen_ai.token.type", "output");
            TranslatorTelemetry.TokenUsage.Record(_usage.OutputTokens, output);
        }

        Activity?.SetTag("translator.overhead_ms", overhead.TotalMilliseconds);
        Activity?.SetTag("translator.stream", _streaming);
        Activity?.Dispose();
    }
}
