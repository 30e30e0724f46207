using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams.Chat;

internal sealed class ChatMessageContentConverter : JsonConverter<ChatMessageContent>
{
    public override ChatMessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ChatMessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var typeInfo = (JsonTypeInfo<List<ChatContentPart>>)options.GetTypeInfo(typeof(List<ChatContentPart>));
                return new ChatMessageContent(JsonSerializer.Deserialize(ref reader, typeInfo)!);
            default:
                throw new JsonException("Expected a string or an array of content parts.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ChatMessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        var typeInfo = (JsonTypeInfo<IReadOnlyList<ChatContentPart>>)options.GetTypeInfo(typeof(IReadOnlyList<ChatContentPart>));
        JsonSerializer.Serialize(writer, value.Parts, typeInfo);
    }
}
