using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Anthropic;

/// <summary>
/// Reads and writes an <see cref="IStringOrObjects{TSelf,TObject}"/> through the serializer context's
/// type information; a failure inside keeps its whole path (<see cref="NestedJsonException"/>).
/// </summary>
internal sealed class StringOrObjectsConverter<TSelf, TObject> : JsonConverter<TSelf>
    where TSelf : class, IStringOrObjects<TSelf, TObject>
{
    public override TSelf Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return TSelf.FromText(reader.GetString()!);
            case JsonTokenType.StartArray when TSelf.TakesArray:
                return TSelf.FromObjects(NestedJsonException.Wrap(ref reader, (ref Utf8JsonReader r) => JsonSerializer.Deserialize(ref r, ArrayInfo(options))!), isSingleObject: false);
            case JsonTokenType.StartObject when TSelf.TakesSingleObject:
                return TSelf.FromObjects([NestedJsonException.Wrap(ref reader, (ref Utf8JsonReader r) => JsonSerializer.Deserialize(ref r, ObjectInfo(options))!)], isSingleObject: true);
            default:
                throw new JsonException(TSelf.ExpectedShape);
        }
    }

    public override void Write(Utf8JsonWriter writer, TSelf value, JsonSerializerOptions options)
    {
        if (value.Objects is not { } objects)
        {
            writer.WriteStringValue(value.Text);
        }
        else if (value.IsSingleObject)
        {
            JsonSerializer.Serialize(writer, objects[0], ObjectInfo(options));
        }
        else
        {
            JsonSerializer.Serialize(writer, objects, ArrayInfo(options));
        }
    }

    private static JsonTypeInfo<IReadOnlyList<TObject>> ArrayInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<IReadOnlyList<TObject>>)options.GetTypeInfo(typeof(IReadOnlyList<TObject>));

    private static JsonTypeInfo<TObject> ObjectInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<TObject>)options.GetTypeInfo(typeof(TObject));
}
