using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Api.Anthropic;

/// <summary>
/// Takes out of a JSON answer the nulls a strict upstream had to write: OpenAI's strict mode makes
/// every property required (an optional one became required and nullable), so the model writes
/// <c>null</c> where the client's schema lets the property be left out. A property whose value is
/// null and that the client's schema does not require is removed, which keeps the answer valid
/// against the client's own schema whatever else that schema says.
/// </summary>
internal static class OptionalNulls
{
    /// <summary>Schemas nest; answers deeper than this are left as they are.</summary>
    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON text without those nulls; the text itself when it is not JSON (a refusal) or has none.</summary>
    public static string Remove(string json, JsonElement clientSchema)
    {
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        return Clean(answer, clientSchema, clientSchema, 0) ? Encoding.UTF8.GetString(Utf8(answer!)) : json;
    }

    /// <summary>The input without those nulls (a strict tool's call).</summary>
    public static JsonElement Remove(JsonElement input, JsonElement clientSchema)
    {
        var answer = JsonNode.Parse(input.GetRawText());
        return Clean(answer, clientSchema, clientSchema, 0) ? JsonDocument.Parse(Utf8(answer!)).RootElement.Clone() : input;
    }

    /// <summary>Non-ASCII text stays as it came, as Anthropic sends it.</summary>
    private static byte[] Utf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>True when something was removed.</summary>
    private static bool Clean(JsonNode? value, JsonElement schema, JsonElement root, int depth)
    {
        if (depth > MaxDepth || Resolve(schema, root) is not { } resolved)
        {
            return false;
        }

        var changed = false;
        if (value is JsonObject obj && Branch(resolved, "properties"u8, root) is { } objectSchema && objectSchema.GetProperty("properties") is { ValueKind: JsonValueKind.Object } properties)
        {
            var required = objectSchema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
                ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet()
                : [];
            foreach (var (name, child) in obj.ToList())
            {
                if (!properties.TryGetProperty(name, out var propertySchema))
                {
                    continue;
                }

                if (child is null && !required.Contains(name))
                {
                    obj.Remove(name);
                    changed = true;
                }
                else
                {
                    changed |= Clean(child, propertySchema, root, depth + 1);
                }
            }
        }
        else if (value is JsonArray array && Branch(resolved, "items"u8, root) is { } arraySchema && arraySchema.GetProperty("items") is { ValueKind: JsonValueKind.Object } items)
        {
            foreach (var element in array)
            {
                changed |= Clean(element, items, root, depth + 1);
            }
        }

        return changed;
    }

    /// <summary>The schema itself when it has <paramref name="keyword"/>, else the first of its anyOf branches that has it.</summary>
    private static JsonElement? Branch(JsonElement schema, ReadOnlySpan<byte> keyword, JsonElement root)
    {
        if (schema.TryGetProperty(keyword, out _))
        {
            return schema;
        }

        if (schema.TryGetProperty("anyOf"u8, out var branches) && branches.ValueKind == JsonValueKind.Array)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                if (Resolve(branch, root) is { } resolved && resolved.TryGetProperty(keyword, out _))
                {
                    return resolved;
                }
            }
        }

        return null;
    }

    /// <summary>A schema, or the one its local <c>$ref</c> points to (<c>#</c>, <c>#/$defs/name</c>, any JSON pointer into the root).</summary>
    private static JsonElement? Resolve(JsonElement schema, JsonElement root)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!schema.TryGetProperty("$ref"u8, out var reference) || reference.GetString() is not { } pointer || !pointer.StartsWith('#'))
        {
            return schema;
        }

        var target = root;
        foreach (var segment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(segment.Replace("~1", "/").Replace("~0", "~"), out target))
            {
                return null;
            }
        }

        return target.ValueKind == JsonValueKind.Object ? target : null;
    }
}
