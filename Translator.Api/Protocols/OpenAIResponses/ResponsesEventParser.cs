using System.Text.Json;

namespace Translator.Api.Protocols.OpenAIResponses;

/// <summary>Parses one Responses stream event. Its <c>type</c> is in the data; the SSE event name is the fallback.</summary>
internal static class ResponsesEventParser
{
    public static ResponsesStreamEvent? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new ResponsesStreamEvent { Type = "keep-alive" };
        }

        var item = JsonSerializer.Deserialize(data, OpenAIResponsesJsonContext.Default.ResponsesStreamEvent) ?? new ResponsesStreamEvent();
        return item.Type is null ? item with { Type = eventType } : item;
    }
}
