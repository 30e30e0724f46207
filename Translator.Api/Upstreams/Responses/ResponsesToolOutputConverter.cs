using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams.Responses;

internal sealed class ResponsesToolOutputConverter : JsonConverter<ResponsesToolOutput>
{
    public override ResponsesToolOutput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ResponsesToolOutput(reader.GetString()!);
        }

        var typeInfo = (JsonTypeInfo<List<ResponsesContentPart>>)options.GetTypeInfo(typeof(List<ResponsesContentPart>));
        return new ResponsesToolOutput(JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new JsonException("Expected a string or content parts."));
    }

    public override void Write(Utf8JsonWriter writer, ResponsesToolOutput value, JsonSerializerOptions options)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        var typeInfo = (JsonTypeInfo<IReadOnlyList<ResponsesContentPart>>)options.GetTypeInfo(typeof(IReadOnlyList<ResponsesContentPart>));
        JsonSerializer.Serialize(writer, value.Parts, typeInfo);
    }
}
