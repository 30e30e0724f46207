using System.Text.Json;
using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Chat;

internal sealed class ChatToolChoiceConverter : JsonConverter<ChatToolChoice>
{
    public override ChatToolChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() switch
            {
                "auto" => ChatToolChoice.Auto,
                "required" => ChatToolChoice.Required,
                "none" => ChatToolChoice.None,
                var other => throw new JsonException($"Unknown tool_choice '{other}'."),
            };
        }

        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.TryGetProperty("function", out var function)
            && function.TryGetProperty("name", out var name)
            && name.GetString() is { } functionName)
        {
            return ChatToolChoice.Function(functionName);
        }

        throw new JsonException("Expected tool_choice to be a string or {\"type\":\"function\",\"function\":{\"name\"}}.");
    }

    public override void Write(Utf8JsonWriter writer, ChatToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, value.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
