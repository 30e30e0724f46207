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
                return new MessageContent(NestedJsonException.Wrap(ref reader, (ref Utf8JsonReader r) => JsonSerializer.Deserialize(ref r, typeInfo)!));
            case JsonTokenType.StartObject:
                // One block where a list is expected: a failed web search's result holds its error so.
                // Only web_search_tool_result may (ContentBlockValidator.RequireList).
                var blockInfo = (JsonTypeInfo<ContentBlock>)options.GetTypeInfo(typeof(ContentBlock));
                return new MessageContent([NestedJsonException.Wrap(ref reader, (ref Utf8JsonReader r) => JsonSerializer.Deserialize(ref r, blockInfo)!)]) { IsSingleObject = true };
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

        if (value.IsSingleObject)
        {
            JsonSerializer.Serialize(writer, value.Blocks[0], (JsonTypeInfo<ContentBlock>)options.GetTypeInfo(typeof(ContentBlock)));
            return;
        }

        var typeInfo = (JsonTypeInfo<IReadOnlyList<ContentBlock>>)options.GetTypeInfo(typeof(IReadOnlyList<ContentBlock>));
        JsonSerializer.Serialize(writer, value.Blocks, typeInfo);
    }
}
