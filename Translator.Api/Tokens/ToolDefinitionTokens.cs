using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;

namespace Translator.Api.Tokens;

/// <summary>
/// The tokens of the function definitions, by the OpenAI Cookbook's formula for gpt-4o-family
/// models; a whole definition is remembered, as agents resend the same tools every turn.
/// </summary>
internal sealed class ToolDefinitionTokens(TokenCounter counter, TokenMemo memo)
{
    // The Cookbook's constants.
    private const int FunctionStart = 7;
    private const int PropertiesStart = 3;
    private const int PropertyKey = 3;
    private const int EnumStart = -3;
    private const int EnumItem = 3;
    private const int FunctionsEnd = 12;

    private static readonly string[] NestedSchemas = ["properties", "items", "anyOf", "oneOf", "allOf"];

    /// <param name="plan">What OpenAI's limits change in the definitions: long names shortened, strict schemas transformed.</param>
    public long Count(IReadOnlyList<ToolDefinition> tools, OutputPlan plan, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var tool in tools)
        {
            var strict = plan.ToolSchema(tool.Name!);
            var sent = (Tokens: this, Name: plan.UpstreamName(tool.Name!), tool.Description, Schema: strict?.Schema ?? tool.InputSchema, Cancellation: cancellationToken);
            total += memo.Remember(Key(tool, strict is not null), sent, static s => s.Tokens.CountFunction(s.Name, s.Description, s.Schema, s.Cancellation));
        }

        return total + FunctionsEnd;
    }

    private long CountFunction(string name, string? description, JsonElement? parameters, CancellationToken cancellationToken)
    {
        long total = FunctionStart + counter.Count($"{name}:{description?.TrimEnd('.') ?? string.Empty}", cancellationToken);
        if (parameters is { ValueKind: JsonValueKind.Object } schema
            && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            total += CountProperties(properties, cancellationToken);
        }

        return total;
    }

    /// <summary>
    /// A hash of the name, the description and the schema's JSON as the client sent it, each with its
    /// length, and whether the schema goes strict: what goes upstream follows from these alone.
    /// </summary>
    private static UInt128 Key(ToolDefinition tool, bool strict)
    {
        var hash = new XxHash128();
        hash.Append(strict ? "strict"u8 : "as sent"u8);
        TokenMemo.AppendPart(hash, MemoryMarshal.AsBytes(tool.Name.AsSpan()));
        TokenMemo.AppendPart(hash, MemoryMarshal.AsBytes((tool.Description ?? string.Empty).AsSpan()));
        if (tool.InputSchema is { ValueKind: not JsonValueKind.Undefined } schema)
        {
            TokenMemo.AppendPart(hash, JsonMarshal.GetRawUtf8Value(schema));
        }

        return hash.GetCurrentHashAsUInt128();
    }

    private long CountProperties(JsonElement properties, CancellationToken cancellationToken)
    {
        long total = PropertiesStart;
        foreach (var property in properties.EnumerateObject())
        {
            var schema = property.Value;
            total += PropertyKey;
            if (schema.ValueKind != JsonValueKind.Object)
            {
                total += counter.Count(property.Name, cancellationToken);
                continue;
            }

            if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                total += EnumStart;
                foreach (var value in values.EnumerateArray())
                {
                    total += EnumItem + counter.Count(value.ToString(), cancellationToken);
                }
            }

            var type = schema.TryGetProperty("type", out var t) ? t.ToString() : string.Empty;
            var description = schema.TryGetProperty("description", out var d) ? d.ToString() : string.Empty;
            total += counter.Count($"{property.Name}:{type}:{description}", cancellationToken);

            // The Cookbook stops at the first level; nested objects and item schemas are counted
            // as the JSON the model is shown, so that deep tool schemas (Claude Code's) are not free.
            foreach (var nested in NestedSchemas)
            {
                if (schema.TryGetProperty(nested, out var inner))
                {
                    total += counter.Count(CompactJson(inner), cancellationToken);
                }
            }
        }

        return total;
    }

    /// <summary>
    /// A schema as it goes upstream: re-serialized compactly, whatever whitespace the client used,
    /// so that the count does not depend on the client's formatting.
    /// </summary>
    private static string CompactJson(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
