using System.Text.Json;
using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Responses;

internal sealed class ResponsesToolChoiceConverter : JsonConverter<ResponsesToolChoice>
{
    public override ResponsesToolChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ResponsesToolChoice(reader.GetString(), null);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("name", out var name) && name.GetString() is { } function
            ? ResponsesToolChoice.Function(function)
            : throw new JsonException("Expected tool_choice to be a string or {\"type\":\"function\",\"name\"}.");
    }

    public override void Write(Utf8JsonWriter writer, ResponsesToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteString("name"u8, value.FunctionName);
        writer.WriteEndObject();
    }
}
