using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Anthropic;

/// <summary>
/// A block's <c>source</c>: an object for images and documents, a string for a <c>search_result</c>
/// (where the result came from, a URL or any name the client gives it).
/// </summary>
internal sealed class ContentSourceConverter : JsonConverter<ContentSource>
{
    public override ContentSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ContentSource { Name = reader.GetString() };
            case JsonTokenType.StartObject:
                var typeInfo = (JsonTypeInfo<ContentSource>)options.GetTypeInfo(typeof(ContentSource));
                return NestedJsonException.Wrap(ref reader, (ref Utf8JsonReader r) => JsonSerializer.Deserialize(ref r, typeInfo)!);
            default:
                throw new JsonException("Input has the wrong type.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ContentSource value, JsonSerializerOptions options)
    {
        if (value.Name is { } name)
        {
            writer.WriteStringValue(name);
            return;
        }

        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<ContentSource>)options.GetTypeInfo(typeof(ContentSource)));
    }
}
