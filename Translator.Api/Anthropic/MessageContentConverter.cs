using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Anthropic;

internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var typeInfo = (JsonTypeInfo<List<ContentBlock>>)options.GetTypeInfo(typeof(List<ContentBlock>));
                return new MessageContent(JsonSerializer.Deserialize(ref reader, typeInfo)!);
            default:
                throw new JsonException("Expected a string or an array of content blocks.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Blocks is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        var typeInfo = (JsonTypeInfo<IReadOnlyList<ContentBlock>>)options.GetTypeInfo(typeof(IReadOnlyList<ContentBlock>));
        JsonSerializer.Serialize(writer, value.Blocks, typeInfo);
    }
}
