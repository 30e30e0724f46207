using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Api.Upstreams;

/// <summary>
/// Rewrites a JSON schema into the subset OpenAI's strict mode accepts ("Supported schemas" in
/// OpenAI's Structured Outputs guide): every object closed (<c>additionalProperties: false</c>) with
/// every property required, an optional one made nullable instead; annotations that constrain
/// nothing (<c>default</c>, <c>examples</c>, <c>$schema</c>, an unsupported <c>format</c>) left out.
/// A schema that needs more than that (open objects, keywords strict mode lacks such as
/// <c>allOf</c> or <c>minLength</c>, objects nested past 10 levels) has no faithful strict form.
/// </summary>
internal static class StrictSchemaTransform
{
    /// <summary>OpenAI: at most 10 levels of nested objects.</summary>
    private const int MaxObjectNesting = 10;

    private static readonly HashSet<string> Supported =
    [
        "type", "description", "title", "enum", "const", "anyOf", "$ref", "$defs", "definitions", "properties", "required",
        "additionalProperties", "items", "pattern", "format", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "minItems", "maxItems",
    ];

    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$comment", "default", "examples", "deprecated", "readOnly", "writeOnly"];

    private static readonly HashSet<string> Formats = ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    public static StrictSchema Apply(JsonElement clientSchema)
    {
        if (JsonNode.Parse(clientSchema.GetRawText()) is not JsonObject schema)
        {
            return new StrictSchema(clientSchema, Strict: false, AddsNulls: false);
        }

        var addsNulls = false;
        return Visit(schema, 0, ref addsNulls)
            ? new StrictSchema(JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone(), Strict: true, addsNulls)
            : new StrictSchema(clientSchema, Strict: false, AddsNulls: false);
    }

    /// <summary>Rewrites one schema in place; false when it has no faithful strict form.</summary>
    private static bool Visit(JsonObject schema, int nesting, ref bool addsNulls)
    {
        foreach (var (keyword, value) in schema.ToList())
        {
            // A format strict mode does not know is an annotation as JSON Schema 2020-12 reads it: the answer is valid either way.
            if (Annotations.Contains(keyword) || keyword == "format" && !(value is JsonValue format && Formats.Contains(format.ToString())))
            {
                schema.Remove(keyword);
            }
            else if (!Supported.Contains(keyword))
            {
                return false;
            }
        }

        if (IsObject(schema) && !VisitObject(schema, nesting + 1, ref addsNulls))
        {
            return false;
        }

        if (schema["items"] is { } items && (items is not JsonObject itemSchema || !Visit(itemSchema, nesting, ref addsNulls)))
        {
            return false;
        }

        foreach (var branch in schema["anyOf"] as JsonArray ?? [])
        {
            if (branch is not JsonObject branchSchema || !Visit(branchSchema, nesting, ref addsNulls))
            {
                return false;
            }
        }

        foreach (var definitions in new[] { schema["$defs"], schema["definitions"] })
        {
            foreach (var (_, definition) in definitions as JsonObject ?? [])
            {
                if (definition is not JsonObject definitionSchema || !Visit(definitionSchema, nesting, ref addsNulls))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool VisitObject(JsonObject schema, int nesting, ref bool addsNulls)
    {
        // An object open to more properties, or one with none declared (a free-form map), cannot be closed faithfully.
        if (nesting > MaxObjectNesting
            || schema["additionalProperties"] is { } additional && additional.GetValueKind() != JsonValueKind.False
            || schema["properties"] is not JsonObject { Count: > 0 } properties)
        {
            return false;
        }

        var required = (schema["required"] as JsonArray ?? []).Select(n => n?.ToString()).ToHashSet();
        foreach (var (name, property) in properties.ToList())
        {
            if (property is not JsonObject propertySchema || !Visit(propertySchema, nesting, ref addsNulls))
            {
                return false;
            }

            if (!required.Contains(name))
            {
                properties[name] = null;
                properties[name] = Nullable(propertySchema);
                addsNulls = true;
            }
        }

        schema["additionalProperties"] = false;
        schema["required"] = new JsonArray([.. properties.Select(p => JsonValue.Create(p.Key))]);
        return true;
    }

    private static bool IsObject(JsonObject schema) => schema["type"] switch
    {
        JsonValue type => type.ToString() == "object",
        JsonArray types => types.Any(t => t?.ToString() == "object"),
        _ => schema.ContainsKey("properties"),
    };

    /// <summary>A schema that also takes null: <c>null</c> added to its type (and enum), or a branch of its own.</summary>
    private static JsonObject Nullable(JsonObject schema)
    {
        if (schema["anyOf"] is JsonArray branches)
        {
            // JsonNode, not JsonObject: the generic Add<T> would wrap it as a value, which needs reflection.
            branches.Add((JsonNode)new JsonObject { ["type"] = "null" });
            return schema;
        }

        if (schema["type"] is JsonNode type && !schema.ContainsKey("const"))
        {
            var types = type as JsonArray ?? new JsonArray(JsonValue.Create(type.ToString()));
            if (!types.Any(t => t?.ToString() == "null"))
            {
                schema["type"] = new JsonArray([.. types.Select(t => JsonValue.Create(t?.ToString())), JsonValue.Create("null")]);
            }

            if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }

            return schema;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
    }
}
