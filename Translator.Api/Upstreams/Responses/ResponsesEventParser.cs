using System.Text.Json;

namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// Reads each Responses stream event into one reused <see cref="ResponsesStreamItem"/>. Its
/// <c>type</c> is in the data; the SSE event name is the fallback. Text deltas take the hot path
/// (a <see cref="Utf8JsonReader"/> that unescapes the delta into the item's buffer); the few other
/// events of a stream go through the serializer. One parser per stream.
/// </summary>
internal sealed class ResponsesEventParser : IStreamItemParser<ResponsesStreamItem>
{
    private readonly ResponsesStreamItem _item = new();

    public ResponsesStreamItem? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        _item.Clear();
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            _item.Type = "keep-alive";
            return _item;
        }

        if (TryReadTextDelta(data, eventType))
        {
            return _item;
        }

        var item = JsonSerializer.Deserialize(data, OpenAIResponsesJsonContext.Default.ResponsesStreamEvent) ?? new ResponsesStreamEvent();
        _item.Event = item;
        _item.Type = item.Type ?? eventType;
        return _item;
    }

    /// <summary>
    /// One pass over a text delta: its type (from the data, else the event name) and its <c>delta</c>
    /// into the item. False, leaving the event to the serializer, as soon as the type says it is
    /// something else.
    /// </summary>
    private bool TryReadTextDelta(ReadOnlySpan<byte> data, string eventType)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? type = null;
        var typed = false;
        Range delta = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                typed = true;
                type = TextDeltaType(ref reader);
                if (type is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                delta = _item.ReadText(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        type = typed ? type : eventType switch
        {
            ResponsesStreamItem.OutputTextDelta or ResponsesStreamItem.ReasoningSummaryTextDelta
                or ResponsesStreamItem.FunctionCallArgumentsDelta or ResponsesStreamItem.RefusalDelta => eventType,
            _ => null,
        };
        if (type is null)
        {
            return false;
        }

        // Anything but whitespace after the value is malformed; the reader throws on it.
        reader.Read();
        _item.Type = type;
        _item.DeltaRange = delta;
        return true;
    }

    private static string? TextDeltaType(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals(ResponsesStreamItem.OutputTextDelta) ? ResponsesStreamItem.OutputTextDelta
        : reader.ValueTextEquals(ResponsesStreamItem.ReasoningSummaryTextDelta) ? ResponsesStreamItem.ReasoningSummaryTextDelta
        : reader.ValueTextEquals(ResponsesStreamItem.FunctionCallArgumentsDelta) ? ResponsesStreamItem.FunctionCallArgumentsDelta
        : reader.ValueTextEquals(ResponsesStreamItem.RefusalDelta) ? ResponsesStreamItem.RefusalDelta
        : null;
}
