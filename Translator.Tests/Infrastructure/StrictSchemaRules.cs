using System.Text.Json;
using System.Text.RegularExpressions;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// What OpenAI's strict mode accepts of a JSON schema (strict functions, json_schema formats with
/// strict: true), from "Supported schemas" in OpenAI's Structured Outputs guide: the root an object
/// (not anyOf); every object with additionalProperties: false and every property in required;
/// only the supported keywords (for strings pattern and format, for numbers multipleOf and the
/// bounds, for arrays minItems and maxItems; no allOf, not, if/then/else, dependent*, default);
/// at most 10 levels of nested objects and 5,000 properties. And what both protocols check of a
/// format before that.
/// </summary>
public static partial class StrictSchemaRules
{
    private const int MaxObjectNesting = 10;
    private const int MaxProperties = 5000;

    private static readonly HashSet<string> Keywords =
    [
        "type", "description", "title", "enum", "const", "anyOf", "$ref", "$defs", "definitions", "properties", "required",
        "additionalProperties", "items", "pattern", "format", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "minItems", "maxItems",
    ];

    private static readonly HashSet<string> Formats = ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    /// <summary>A json_schema format: its name (as function names), an object schema, and the strict rules when strict.</summary>
    public static void CheckFormat(JsonElement format, JsonElement schemaHolder, string path, List<string> violations)
    {
        if (!format.TryGetProperty("type", out var type) || type.GetString() is not ("text" or "json_object" or "json_schema"))
        {
            violations.Add($"{path}.type: must be text, json_object or json_schema");
            return;
        }

        if (type.GetString() != "json_schema")
        {
            return;
        }

        if (!schemaHolder.TryGetProperty("name", out var name) || name.GetString() is not { } text || !Name().IsMatch(text))
        {
            violations.Add($"{path}.name: must match ^[a-zA-Z0-9_-]{{1,64}}$");
        }

        if (!schemaHolder.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
        {
            violations.Add($"{path}.schema: required object");
            return;
        }

        if (schemaHolder.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True)
        {
            Check(schema, $"{path}.schema", violations);
        }
    }

    /// <summary>The strict rules on one schema (a strict function's parameters, a strict format's schema).</summary>
    public static void Check(JsonElement schema, string path, List<string> violations)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            violations.Add($"Invalid schema: {path}: the root must be an object, not anyOf");
            return;
        }

        var properties = 0;
        Visit(schema, path, 0, ref properties, violations);
        if (properties > MaxProperties)
        {
            violations.Add($"Invalid schema: {path}: more than {MaxProperties} properties");
        }
    }

    private static void Visit(JsonElement schema, string path, int nesting, ref int properties, List<string> violations)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            violations.Add($"Invalid schema: {path}: must be an object");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Keywords.Contains(keyword.Name))
            {
                violations.Add($"Invalid schema: In context={path}, '{keyword.Name}' is not permitted.");
            }
        }

        if (schema.TryGetProperty("format", out var format) && !Formats.Contains(format.GetString() ?? ""))
        {
            violations.Add($"Invalid schema: {path}: format '{format}' is not supported");
        }

        if (schema.TryGetProperty("properties", out var declared) || IsObject(schema))
        {
            VisitObject(schema, declared, path, nesting + 1, ref properties, violations);
        }

        if (schema.TryGetProperty("items", out var items))
        {
            Visit(items, $"{path}.items", nesting, ref properties, violations);
        }

        foreach (var name in new[] { "anyOf", "$defs", "definitions" })
        {
            if (!schema.TryGetProperty(name, out var children))
            {
                continue;
            }

            var i = 0;
            foreach (var child in children.ValueKind == JsonValueKind.Array ? (IEnumerable<JsonElement>)children.EnumerateArray() : children.EnumerateObject().Select(p => p.Value))
            {
                Visit(child, $"{path}.{name}.{i++}", nesting, ref properties, violations);
            }
        }
    }

    private static void VisitObject(JsonElement schema, JsonElement declared, string path, int nesting, ref int properties, List<string> violations)
    {
        if (nesting > MaxObjectNesting)
        {
            violations.Add($"Invalid schema: {path}: more than {MaxObjectNesting} levels of nested objects");
        }

        if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
        {
            violations.Add($"Invalid schema: In context={path}, 'additionalProperties' is required to be supplied and to be false.");
        }

        var required = schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet()
            : [];
        foreach (var property in declared.ValueKind == JsonValueKind.Object ? declared.EnumerateObject() : default)
        {
            properties++;
            if (!required.Contains(property.Name))
            {
                violations.Add($"Invalid schema: In context={path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{property.Name}'.");
            }

            Visit(property.Value, $"{path}.properties.{property.Name}", nesting, ref properties, violations);
        }
    }

    private static bool IsObject(JsonElement schema) => schema.TryGetProperty("type", out var type) && type.ValueKind switch
    {
        JsonValueKind.String => type.GetString() == "object",
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.GetString() == "object"),
        _ => false,
    };

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex Name();
}
