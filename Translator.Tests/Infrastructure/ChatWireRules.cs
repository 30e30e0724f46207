using System.Text.Json;
using System.Text.RegularExpressions;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// The rules the real Chat Completions API enforces on a request body, checked on the raw JSON
/// (independently of the translator's own types) so a test cannot pass on a request the real
/// upstream would refuse.
/// </summary>
public static partial class ChatWireRules
{
    private static readonly HashSet<string> KnownParameters =
    [
        "model", "messages", "max_completion_tokens", "max_tokens", "stop", "temperature", "top_p", "tools", "tool_choice",
        "parallel_tool_calls", "reasoning_effort", "user", "stream", "stream_options", "n", "seed", "response_format",
        "metadata", "store", "frequency_penalty", "presence_penalty", "logprobs", "top_logprobs", "logit_bias",
        "service_tier", "prediction", "modalities", "audio", "safety_identifier", "prompt_cache_key", "prompt_cache_retention", "prompt_cache_options", "verbosity",
    ];

    private static readonly HashSet<string> CacheablePartTypes = ["text", "image_url", "file"];

    private static readonly HashSet<string> Efforts = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

    public static List<string> Check(JsonElement body)
    {
        var violations = new List<string>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            violations.Add("body must be a JSON object");
            return violations;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!KnownParameters.Contains(property.Name))
            {
                violations.Add($"Unrecognized request argument supplied: {property.Name}");
            }
        }

        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : null;
        if (string.IsNullOrEmpty(model))
        {
            violations.Add("model: required string");
            model = string.Empty;
        }

        var reasoning = IsReasoningModel(model);
        if (body.TryGetProperty("max_tokens", out _))
        {
            if (reasoning)
            {
                violations.Add("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
            }

            if (body.TryGetProperty("max_completion_tokens", out _))
            {
                violations.Add("max_tokens and max_completion_tokens cannot both be set");
            }
        }

        CheckPositiveInteger(body, "max_completion_tokens", violations);

        string? effort = null;
        if (body.TryGetProperty("reasoning_effort", out var e))
        {
            effort = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (ModelFacts.IsGemini(model))
            {
                if ((effort is null ? $"not a string: {e}" : ModelFacts.GeminiEffortRejection(model, effort)) is { } refused)
                {
                    violations.Add($"Invalid value for 'reasoning_effort' with {model}: {refused}");
                }
            }
            else if (!reasoning)
            {
                violations.Add("Unrecognized request argument supplied: reasoning_effort (not a reasoning model)");
            }
            else if (effort is null || !Efforts.Contains(effort))
            {
                violations.Add($"Invalid value for 'reasoning_effort': {e}");
            }
            else if (ModelFacts.Rejection(model, effort) is { } rejected)
            {
                violations.Add($"Unsupported value: 'reasoning_effort' does not support '{rejected}' with this model.");
            }
        }

        if (reasoning && effort != "none")
        {
            foreach (var sampling in new[] { "temperature", "top_p" })
            {
                if (body.TryGetProperty(sampling, out var value) && (value.ValueKind != JsonValueKind.Number || value.GetDouble() != 1))
                {
                    violations.Add($"Unsupported value: '{sampling}' does not support {value} with this model. Only the default (1) value is supported.");
                }
            }

            if (body.TryGetProperty("stop", out _))
            {
                violations.Add("Unsupported parameter: 'stop' is not supported with this model.");
            }
        }

        if (body.TryGetProperty("stop", out var stop) && stop.ValueKind == JsonValueKind.Array && stop.GetArrayLength() > 4)
        {
            violations.Add("stop: at most 4 sequences");
        }

        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        if (body.TryGetProperty("stream_options", out _) && !stream)
        {
            violations.Add("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }

        if (body.TryGetProperty("user", out var user) && (user.ValueKind != JsonValueKind.String || user.GetString()!.Length > 64))
        {
            violations.Add("user: must be a string of at most 64 characters");
        }

        if (ModelFacts.RetentionRejection(model, body) is { } retention)
        {
            violations.Add(retention);
        }

        violations.AddRange(ModelFacts.CacheRejections(model, body, CacheablePartTypes));

        if (body.TryGetProperty("response_format", out var format))
        {
            StrictSchemaRules.CheckFormat(format, format.TryGetProperty("json_schema", out var schema) ? schema : format, "response_format", violations);
        }

        CheckTools(body, violations);
        CheckMessages(body, violations);
        return violations;
    }

    public static bool IsReasoningModel(string model) =>
        model.StartsWith("gpt-5", StringComparison.Ordinal) || model.StartsWith("o1", StringComparison.Ordinal)
        || model.StartsWith("o3", StringComparison.Ordinal) || model.StartsWith("o4", StringComparison.Ordinal)
        || model.StartsWith("codex", StringComparison.Ordinal);

    private static HashSet<string> CheckTools(JsonElement body, List<string> violations)
    {
        var names = new HashSet<string>();
        var hasTools = body.TryGetProperty("tools", out var tools);
        if (hasTools)
        {
            if (tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
            {
                violations.Add("tools: must be a non-empty array");
            }
            else
            {
                var i = 0;
                foreach (var tool in tools.EnumerateArray())
                {
                    if (Str(tool, "type") != "function" || !tool.TryGetProperty("function", out var function))
                    {
                        violations.Add($"tools[{i}]: must be {{type:function, function}}");
                    }
                    else
                    {
                        var name = Str(function, "name");
                        if (name is null || !FunctionName().IsMatch(name))
                        {
                            violations.Add($"tools[{i}].function.name: must match ^[a-zA-Z0-9_-]{{1,64}}$");
                        }
                        else
                        {
                            names.Add(name);
                        }

                        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind != JsonValueKind.Object)
                        {
                            violations.Add($"tools[{i}].function.parameters: must be an object");
                        }
                        else if (function.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True)
                        {
                            StrictSchemaRules.Check(parameters, $"tools[{i}].function.parameters", violations);
                        }
                    }

                    i++;
                }
            }
        }

        if (body.TryGetProperty("tool_choice", out var choice))
        {
            if (!hasTools)
            {
                violations.Add("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");
            }
            else if (choice.ValueKind == JsonValueKind.String)
            {
                if (choice.GetString() is not ("none" or "auto" or "required"))
                {
                    violations.Add($"tool_choice: invalid value {choice}");
                }
            }
            else if (Str(choice, "type") != "function" || !choice.TryGetProperty("function", out var f) || Str(f, "name") is not { } chosen || !names.Contains(chosen))
            {
                violations.Add($"tool_choice: must name one of the tools: {choice}");
            }
        }

        if (body.TryGetProperty("parallel_tool_calls", out _) && !hasTools)
        {
            violations.Add("Invalid value for 'parallel_tool_calls': only allowed when 'tools' are specified.");
        }

        return names;
    }

    private static void CheckMessages(JsonElement body, List<string> violations)
    {
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            violations.Add("messages: required non-empty array");
            return;
        }

        HashSet<string>? awaited = null;
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{i++}]";
            var role = Str(message, "role");
            if (awaited is { Count: > 0 } && role != "tool")
            {
                violations.Add($"{path}: An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. Missing: {string.Join(", ", awaited)}");
                awaited = null;
            }

            switch (role)
            {
                case "system" or "developer":
                    CheckContent(message, path, allowImages: false, violations);
                    break;
                case "user":
                    CheckContent(message, path, allowImages: true, violations);
                    break;
                case "assistant":
                    var hasCalls = message.TryGetProperty("tool_calls", out var calls);
                    if (!hasCalls && (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null))
                    {
                        violations.Add($"{path}: assistant content is required unless tool_calls are given");
                    }

                    if (message.TryGetProperty("content", out var assistantContent) && assistantContent.ValueKind != JsonValueKind.Null)
                    {
                        CheckContent(message, path, allowImages: false, violations);
                    }

                    if (hasCalls)
                    {
                        awaited = CheckToolCalls(calls, path, violations);
                    }

                    break;
                case "tool":
                    var id = Str(message, "tool_call_id");
                    if (id is null || awaited is null || !awaited.Remove(id))
                    {
                        violations.Add($"{path}: Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (tool_call_id {id}).");
                    }

                    CheckContent(message, path, allowImages: false, violations);
                    break;
                default:
                    violations.Add($"{path}.role: invalid role '{role}'");
                    break;
            }
        }

        if (awaited is { Count: > 0 })
        {
            violations.Add($"messages: tool_calls without tool responses: {string.Join(", ", awaited)}");
        }
    }

    private static HashSet<string> CheckToolCalls(JsonElement calls, string path, List<string> violations)
    {
        var ids = new HashSet<string>();
        if (calls.ValueKind != JsonValueKind.Array || calls.GetArrayLength() == 0)
        {
            violations.Add($"{path}.tool_calls: must be a non-empty array");
            return ids;
        }

        foreach (var call in calls.EnumerateArray())
        {
            var id = Str(call, "id");
            if (string.IsNullOrEmpty(id) || id.Length > 64 || !ids.Add(id))
            {
                violations.Add($"{path}.tool_calls: each call needs a unique id of at most 64 characters");
            }

            if (Str(call, "type") != "function" || !call.TryGetProperty("function", out var function) || Str(function, "name") is null)
            {
                violations.Add($"{path}.tool_calls: each call must be {{type:function, function:{{name, arguments}}}}");
                continue;
            }

            try
            {
                using var _ = JsonDocument.Parse(Str(function, "arguments") ?? throw new JsonException("missing"));
            }
            catch (JsonException)
            {
                violations.Add($"{path}.tool_calls: function.arguments must be a JSON string of valid JSON");
            }
        }

        return ids;
    }

    private static void CheckContent(JsonElement message, string path, bool allowImages, List<string> violations)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            violations.Add($"{path}.content: required");
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return;
        }

        if (content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            violations.Add($"{path}.content: must be a string or a non-empty array of parts");
            return;
        }

        foreach (var part in content.EnumerateArray())
        {
            switch (Str(part, "type"))
            {
                case "text" when Str(part, "text") is not null:
                    break;
                case "image_url" when allowImages:
                    var url = part.TryGetProperty("image_url", out var image) ? Str(image, "url") : null;
                    if (url is null || !(url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal) || DataImage().IsMatch(url)))
                    {
                        violations.Add($"{path}.content: image_url.url must be an http(s) URL or a data:image/...;base64, URL");
                    }

                    break;
                case "file" when allowImages:
                    if (!part.TryGetProperty("file", out var file) || Str(file, "file_data") is not { } data || !data.StartsWith("data:application/pdf;base64,", StringComparison.Ordinal))
                    {
                        violations.Add($"{path}.content: file.file_data must be a data: URL");
                    }

                    break;
                default:
                    violations.Add($"{path}.content: part {part} is not allowed for this role");
                    break;
            }
        }
    }

    private static void CheckPositiveInteger(JsonElement body, string name, List<string> violations)
    {
        if (body.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 1))
        {
            violations.Add($"{name}: must be a positive integer");
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex("^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$")]
    private static partial Regex DataImage();
}
