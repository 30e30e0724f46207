using System.Text.Json;

namespace Translator.Tests.Infrastructure;

/// <summary>The rules the real Responses API enforces on a request body, checked on the raw JSON.</summary>
public static class ResponsesWireRules
{
    private static readonly HashSet<string> KnownParameters =
    [
        "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls", "max_output_tokens", "reasoning",
        "store", "include", "stream", "temperature", "top_p", "metadata", "previous_response_id", "text", "truncation",
        "service_tier", "user", "safety_identifier", "prompt_cache_key", "background", "max_tool_calls", "prompt_cache_retention", "prompt_cache_options",
    ];

    private static readonly HashSet<string> Includes = ["reasoning.encrypted_content", "web_search_call.action.sources", "web_search_call.results", "message.output_text.logprobs"];

    private static readonly HashSet<string> WebSearchFields = ["type", "filters", "user_location", "search_context_size"];

    private static readonly HashSet<string> CacheablePartTypes = ["input_text", "input_image", "input_file"];

    private static readonly HashSet<string> Efforts = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

    public static List<string> Check(JsonElement body)
    {
        var violations = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (!KnownParameters.Contains(property.Name))
            {
                violations.Add($"Unsupported parameter: '{property.Name}'.");
            }
        }

        var model = body.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
        if (model.Length == 0)
        {
            violations.Add("model: required");
        }

        var reasoningModel = ChatWireRules.IsReasoningModel(model);
        if (!body.TryGetProperty("instructions", out var instructions) || instructions.ValueKind != JsonValueKind.String)
        {
            // The Codex backend behind CLIProxyAPI rejects a request without instructions.
            violations.Add("instructions: required string");
        }

        if (body.TryGetProperty("reasoning", out var reasoning))
        {
            if (!reasoningModel)
            {
                violations.Add("reasoning: not supported with this model");
            }
            else if (reasoning.TryGetProperty("effort", out var effort) && !Efforts.Contains(effort.GetString() ?? ""))
            {
                violations.Add($"reasoning.effort: invalid value {effort}");
            }
            else if (reasoning.TryGetProperty("effort", out var level) && ModelFacts.Rejection(model, level.GetString()!) is { } rejected)
            {
                violations.Add($"reasoning.effort: '{rejected}' is not supported with this model");
            }
        }

        if (reasoningModel)
        {
            foreach (var sampling in new[] { "temperature", "top_p" })
            {
                if (body.TryGetProperty(sampling, out _))
                {
                    violations.Add($"Unsupported parameter: '{sampling}' is not supported with this model.");
                }
            }
        }

        if (body.TryGetProperty("max_output_tokens", out var max) && (!max.TryGetInt64(out var n) || n < 16))
        {
            violations.Add("max_output_tokens: must be an integer of at least 16");
        }

        foreach (var include in body.TryGetProperty("include", out var included) ? included.EnumerateArray() : default)
        {
            if (!Includes.Contains(include.GetString() ?? ""))
            {
                violations.Add($"include: invalid value {include}");
            }
        }

        if (body.TryGetProperty("max_tool_calls", out var maxToolCalls) && (!maxToolCalls.TryGetInt64(out var calls) || calls < 1))
        {
            violations.Add("max_tool_calls: must be a positive integer");
        }

        if (ModelFacts.RetentionRejection(model, body) is { } retention)
        {
            violations.Add(retention);
        }

        violations.AddRange(ModelFacts.CacheRejections(model, body, CacheablePartTypes));

        if (body.TryGetProperty("text", out var text) && text.TryGetProperty("format", out var format))
        {
            StrictSchemaRules.CheckFormat(format, format, "text.format", violations);
        }

        CheckTools(body, violations);
        CheckInput(body, model, violations);
        return violations;
    }

    private static void CheckTools(JsonElement body, List<string> violations)
    {
        var names = new HashSet<string>();
        var hasTools = body.TryGetProperty("tools", out var tools);
        foreach (var tool in hasTools ? tools.EnumerateArray() : default)
        {
            if (tool.GetProperty("type").GetString() == "web_search")
            {
                CheckWebSearchTool(tool, violations);
                continue;
            }

            if (tool.GetProperty("type").GetString() != "function" || !tool.TryGetProperty("name", out var name) || tool.TryGetProperty("function", out _))
            {
                violations.Add($"tools: each tool must be flat {{type:function, name, parameters}}: {tool}");
                continue;
            }

            if (name.GetString() is not { } text || text.Length > 64 || text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                violations.Add($"tools: Invalid 'tools.name': string does not match pattern ^[a-zA-Z0-9_-]{{1,64}}$: {name}");
            }

            if (tool.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True)
            {
                StrictSchemaRules.Check(tool.GetProperty("parameters"), $"tools.{name.GetString()}.parameters", violations);
            }

            names.Add(name.GetString()!);
        }

        if (body.TryGetProperty("tool_choice", out var choice))
        {
            if (!hasTools)
            {
                violations.Add("tool_choice: only allowed with tools");
            }
            else if (choice.ValueKind == JsonValueKind.Object && (!choice.TryGetProperty("name", out var chosen) || !names.Contains(chosen.GetString()!)))
            {
                violations.Add($"tool_choice: must name one of the tools: {choice}");
            }
        }

        if (body.TryGetProperty("parallel_tool_calls", out _) && !hasTools)
        {
            violations.Add("parallel_tool_calls: only allowed with tools");
        }
    }

    private static void CheckWebSearchTool(JsonElement tool, List<string> violations)
    {
        foreach (var field in tool.EnumerateObject())
        {
            if (!WebSearchFields.Contains(field.Name))
            {
                violations.Add($"tools: web_search takes no '{field.Name}'");
            }
        }

        if (tool.TryGetProperty("filters", out var filters))
        {
            foreach (var list in filters.EnumerateObject())
            {
                if (list.Name is not ("allowed_domains" or "blocked_domains") || list.Value.ValueKind != JsonValueKind.Array)
                {
                    violations.Add($"tools: web_search filters take allowed_domains or blocked_domains lists, not {list.Name}");
                }
            }
        }

        if (tool.TryGetProperty("user_location", out var location) && (!location.TryGetProperty("type", out var type) || type.GetString() != "approximate"))
        {
            violations.Add("tools: web_search user_location.type must be 'approximate'");
        }
    }

    private static void CheckInput(JsonElement body, string model, List<string> violations)
    {
        if (!body.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            violations.Add("input: required non-empty array");
            return;
        }

        var calls = new HashSet<string>();
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var path = $"input[{i++}]";
            switch (item.TryGetProperty("type", out var type) ? type.GetString() : null)
            {
                case "message":
                    var role = item.GetProperty("role").GetString();
                    if (item.TryGetProperty("phase", out var phase) && (role != "assistant" || phase.GetString() is not ("commentary" or "final_answer") || !ModelFacts.TakesPhase(model)))
                    {
                        violations.Add($"{path}.phase: only assistant messages of gpt-5.3-codex and later take a phase (commentary or final_answer), not {phase} with {model}");
                    }

                    if (role is not ("user" or "assistant" or "developer" or "system"))
                    {
                        violations.Add($"{path}.role: invalid '{role}'");
                    }

                    foreach (var part in item.GetProperty("content").EnumerateArray())
                    {
                        var partType = part.GetProperty("type").GetString();
                        var allowed = role == "assistant" ? partType is "output_text" or "refusal" : partType is "input_text" or "input_image" or "input_file";
                        if (!allowed)
                        {
                            violations.Add($"{path}.content: '{partType}' is not allowed in a {role} message");
                        }
                    }

                    break;
                case "function_call":
                    calls.Add(item.GetProperty("call_id").GetString()!);
                    using (JsonDocument.Parse(item.GetProperty("arguments").GetString()!))
                    {
                    }

                    break;
                case "function_call_output":
                    if (!calls.Contains(item.GetProperty("call_id").GetString()!))
                    {
                        violations.Add($"{path}: No tool call found for function call output with call_id {item.GetProperty("call_id")}.");
                    }

                    var output = item.GetProperty("output");
                    if (output.ValueKind == JsonValueKind.Array
                        ? output.EnumerateArray().Any(p => p.GetProperty("type").GetString() is not ("input_text" or "input_image" or "input_file"))
                        : output.ValueKind != JsonValueKind.String)
                    {
                        violations.Add($"{path}.output: a string or input_text, input_image and input_file parts");
                    }

                    break;
                case "web_search_call":
                    if (!item.TryGetProperty("id", out _) || !item.TryGetProperty("action", out var action) || action.GetProperty("type").GetString() != "search" || item.GetProperty("status").GetString() != "completed")
                    {
                        violations.Add($"{path}: a replayed web_search_call needs its id, status completed and a search action");
                    }

                    break;
                case "reasoning":
                    if (!item.TryGetProperty("id", out _) || !item.TryGetProperty("summary", out var summary) || summary.ValueKind != JsonValueKind.Array)
                    {
                        violations.Add($"{path}: reasoning items need an id and a summary array");
                    }

                    break;
                default:
                    violations.Add($"{path}.type: invalid item {item}");
                    break;
            }
        }
    }
}
