using System.Text.Json;

namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// One event of a Responses stream, as <see cref="ResponsesEventParser"/> reads it. One instance
/// serves a whole stream and is refilled per event. Text deltas, the bulk of a stream, are read in
/// place: <see cref="Type"/> names the delta and <see cref="Delta"/> is its UTF-8 text, with no
/// string and no object per event. Every other event is deserialized whole into <see cref="Event"/>.
/// </summary>
internal sealed class ResponsesStreamItem
{
    public const string OutputTextDelta = "response.output_text.delta";
    public const string ReasoningSummaryTextDelta = "response.reasoning_summary_text.delta";
    public const string RefusalDelta = "response.refusal.delta";
    public const string FunctionCallArgumentsDelta = "response.function_call_arguments.delta";

    private readonly Utf8TextBuffer _text = new();

    /// <summary>The event's <c>type</c> (the SSE event name when the data has none).</summary>
    public string? Type { get; internal set; }

    /// <summary>The whole event, for everything but the text deltas.</summary>
    public ResponsesStreamEvent? Event { get; internal set; }

    /// <summary>A text delta's <c>delta</c>, unescaped UTF-8; valid until the next event is read.</summary>
    public ReadOnlySpan<byte> Delta => _text[DeltaRange];

    internal Range DeltaRange { get; set; }

    internal void Clear()
    {
        Type = null;
        Event = null;
        DeltaRange = default;
        _text.Clear();
    }

    internal Range ReadText(ref Utf8JsonReader reader) => _text.Append(ref reader);
}
