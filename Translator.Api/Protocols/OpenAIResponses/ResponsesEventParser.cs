using System.Text.Json;

namespace Translator.Api.Protocols.OpenAIResponses;

/// <summary>
/// Reads each Responses stream event into one reused <see cref="ResponsesStreamItem"/>. Its
/// <c>type</c> is in the data; the SSE event name is the fallback. Text deltas take the hot path
/// (a <see cref="Utf8JsonReader"/> that unescapes the delta into the item's buffer); the few other
/// events of a stream go through the serializer. One parser per stream.
/// </summary>
internal sealed class ResponsesEventParser
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

        if (TextDeltaType(data, eventType) is { } deltaType)
        {
            _item.Type = deltaType;
            _item.DeltaRange = ReadDelta(data);
            return _item;
        }

        var item = JsonSerializer.Deserialize(data, OpenAIResponsesJsonContext.Default.ResponsesStreamEvent) ?? new ResponsesStreamEvent();
        _item.Event = item;
        _item.Type = item.Type ?? eventType;
        return _item;
    }

    /// <summary>The event's type when it is a text delta (from the data, else the event name); null otherwise.</summary>
    private static string? TextDeltaType(ReadOnlySpan<byte> data, string eventType)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (!isType)
            {
                reader.Skip();
                continue;
            }

            return reader.TokenType != JsonTokenType.String ? null
                : reader.ValueTextEquals(ResponsesStreamItem.OutputTextDelta) ? ResponsesStreamItem.OutputTextDelta
                : reader.ValueTextEquals(ResponsesStreamItem.ReasoningSummaryTextDelta) ? ResponsesStreamItem.ReasoningSummaryTextDelta
                : reader.ValueTextEquals(ResponsesStreamItem.FunctionCallArgumentsDelta) ? ResponsesStreamItem.FunctionCallArgumentsDelta
                : reader.ValueTextEquals(ResponsesStreamItem.RefusalDelta) ? ResponsesStreamItem.RefusalDelta
                : null;
        }

        return eventType switch
        {
            ResponsesStreamItem.OutputTextDelta or ResponsesStreamItem.ReasoningSummaryTextDelta
                or ResponsesStreamItem.FunctionCallArgumentsDelta or ResponsesStreamItem.RefusalDelta => eventType,
            _ => null,
        };
    }

    private Range ReadDelta(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        reader.Read();
        Range delta = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDelta = reader.ValueTextEquals("delta"u8);
            reader.Read();
            if (isDelta)
            {
                delta = _item.ReadText(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything but whitespace after the value is malformed; the reader throws on it.
        reader.Read();
        return delta;
    }
}
