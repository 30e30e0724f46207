using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>A structured output's format, in either form: a <c>json_schema</c> whose schema describes an object.</summary>
internal static class OutputFormatValidator
{
    /// <summary>The first bad field of output_config.format or output_format, by its path from the request.</summary>
    public static InvalidField? Check(MessagesRequest request) =>
        Check(request.OutputConfig?.Format)?.Within("format").Within("output_config")
        ?? Check(request.OutputFormat)?.Within("output_format");

    private static InvalidField? Check(OutputFormat? format) => format switch
    {
        null => null,
        { Type: not "json_schema" } => new("type", $"Unknown output format type {InvalidField.Quote(format.Type)}; expected 'json_schema'."),
        { Schema: not { ValueKind: JsonValueKind.Object } } => new("schema", "Field required; must be a JSON schema object."),
        { Schema: { } schema } when !DescribesObject(schema) => new("schema.type", "The schema of a structured output must describe an object ('type': 'object')."),
        _ => null,
    };

    private static bool DescribesObject(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("object"u8);
}
