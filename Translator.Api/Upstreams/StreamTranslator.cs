using System.Text;
using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Api.Upstreams;

/// <summary>
/// Turns one upstream protocol's stream into Anthropic events through an
/// <see cref="AnthropicEventWriter"/>. Pure: no I/O, no clock. This base holds what every
/// protocol shares: the opening, the ending, the failure, and what telemetry reads afterwards.
/// Every feeder (the stream loop, tests, benchmarks) drives it the same way: <see cref="Start"/>,
/// <see cref="Feed"/> for each SSE item, <see cref="OnUpstreamEnd"/> when the body ends.
/// <see cref="StreamTranslator{TItem}"/> adds how a protocol's items are parsed and what each one becomes.
/// </summary>
/// <param name="options">The call's redactor and content capture; none in unit tests of the translation alone.</param>
internal abstract class StreamTranslator(AnthropicEventWriter events, string messageId, string requestedModel, Usage inputEstimate, StreamTranslatorSettings? options)
{
    /// <summary>Applied to every error the stream ends with, the upstream's own included: its messages may quote the upstream key.</summary>
    private readonly SecretRedactor? _redactor = options?.Redactor;

    private long _itemsReceived;

    protected AnthropicEventWriter Events => events;

    /// <summary>The input-token estimate of <c>message_start</c>, the usage when the upstream reports none.</summary>
    protected Usage InputEstimate => inputEstimate;

    /// <summary>The stream is over: <c>message_stop</c> or <c>error</c> was written.</summary>
    public bool IsDone { get; private set; }

    /// <summary>A content block has been started.</summary>
    public bool HasContent => events.BlockCount > 0;

    /// <summary>The stop reason sent to the client, once the stream has ended well.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Usage as reported to the client, once the stream has ended well.</summary>
    public Usage? FinalUsage { get; private set; }

    /// <summary>The upstream's own finish reason, once known.</summary>
    public string? FinishReason { get; protected set; }

    /// <summary>The model the upstream says answered.</summary>
    public string? UpstreamModel { get; protected set; }

    /// <summary>The error the stream ended with, if it failed.</summary>
    public ApiError? Error { get; private set; }

    /// <summary>When set, the answer's text and thinking are appended here (content capture).</summary>
    public StringBuilder? CapturedText { get; } = options is { CaptureContent: true } ? new StringBuilder() : null;

    /// <summary>Appends forwarded UTF-8 to <see cref="CapturedText"/>, decoding it only when capture is on.</summary>
    protected void Capture(ReadOnlySpan<byte> utf8)
    {
        if (CapturedText is { } captured)
        {
            captured.Append(Encoding.UTF8.GetString(utf8));
        }
    }

    /// <summary><c>message_start</c> and the first <c>ping</c>, as Anthropic opens every stream.</summary>
    public void Start()
    {
        events.MessageStart(messageId, requestedModel, inputEstimate with { OutputTokens = 0 });
        events.Ping();
    }

    /// <summary>
    /// Translates one SSE item: parsed, then turned into events; <c>[DONE]</c> ends the stream as
    /// <see cref="OnUpstreamEnd"/> does. Nothing once the stream is over. Throws
    /// <see cref="System.Text.Json.JsonException"/> on malformed data.
    /// </summary>
    public abstract void Feed(string eventType, ReadOnlySpan<byte> data);

    /// <summary>The upstream stream ended (<c>[DONE]</c> or end of body): the answer ends if it is complete, else the stream fails.</summary>
    public void OnUpstreamEnd()
    {
        if (!IsDone)
        {
            CompleteOrFail();
        }
    }

    /// <summary>What the protocol makes of the upstream's end while the stream is not over: <see cref="End"/> or <see cref="Fail"/>.</summary>
    protected abstract void CompleteOrFail();

    /// <summary>Ends the stream with <c>event: error</c>.</summary>
    public void Fail(ApiError error, string? requestId = null)
    {
        if (IsDone)
        {
            return;
        }

        error = _redactor?.Redact(error) ?? error;
        events.Error(error, requestId);
        Error = error;
        IsDone = true;
    }

    /// <summary>Ends the stream well: <c>message_delta</c> with the final usage, then <c>message_stop</c>.</summary>
    protected void End(string stopReason, Usage usage) => Finish(stopReason, stopSequence: null, usage);

    /// <summary>
    /// The answer's text, through the writer's stop sequences: once it reaches one, the answer ends
    /// there with <c>stop_sequence</c>, and the stream loop, seeing <see cref="IsDone"/>, closes the
    /// upstream call so that no token is spent after it.
    /// </summary>
    protected void Text(ReadOnlySpan<byte> utf8)
    {
        events.TextDelta(utf8);
        Capture(utf8);
        if (events.StopSequences?.Matched is { } sequence)
        {
            // The upstream reports its usage only at its end, which will not come: the output is
            // estimated from the items it streamed, each about one token.
            Finish(StopReasons.StopSequence, sequence, inputEstimate with { OutputTokens = _itemsReceived });
        }
    }

    /// <summary>One more item came from the upstream: what the output is estimated from when the answer is cut.</summary>
    protected void ItemReceived() => _itemsReceived++;

    private void Finish(string stopReason, string? stopSequence, Usage usage)
    {
        // The last block closes first: a shaper may send held text then, and reach the client's max_tokens doing so.
        events.CloseBlock();
        if (events.Shaper is { } shaper)
        {
            stopReason = shaper.StopReason(stopReason);
            stopSequence = stopReason == StopReasons.StopSequence ? stopSequence : null;
            usage = shaper.Usage(usage);
        }

        StopReason = stopReason;
        FinalUsage = usage;
        events.MessageEnd(stopReason, stopSequence, usage);
        IsDone = true;
    }
}
