using System.Text.Json;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// What the Anthropic endpoint of CLIProxyAPI (and the Messages API behind it) refuses, checked on
/// the raw request: CLIProxyAPI's key (as <c>Authorization: Bearer</c> or <c>x-api-key</c>), then
/// Anthropic's <c>anthropic-version</c> header and the body's required fields and known parameters,
/// so a test cannot pass on a request the real endpoint would refuse.
/// </summary>
public static class AnthropicWireRules
{
    /// <summary>The Messages API's top-level parameters, beta ones included; anything else is "Extra inputs are not permitted".</summary>
    private static readonly HashSet<string> KnownParameters =
    [
        "model", "messages", "max_tokens", "system", "metadata", "stop_sequences", "stream", "temperature", "top_p", "top_k",
        "tools", "tool_choice", "thinking", "service_tier", "container", "mcp_servers", "context_management", "output_config",
        "output_format", "inference_geo",
    ];

    /// <summary>CLIProxyAPI's own key check, before anything reaches a provider: its 401 body, or null when the key is right.</summary>
    public static string? KeyRefusal(IHeaderDictionary headers, string apiKey)
    {
        var bearer = headers.Authorization.ToString();
        var presented = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : headers["x-api-key"].ToString();
        return presented == apiKey ? null : presented.Length == 0 ? """{"error":"Missing API key"}""" : """{"error":"Invalid API key"}""";
    }

    /// <summary>Every reason the Messages API (or count_tokens) would answer 400, in its words.</summary>
    public static List<string> Check(IHeaderDictionary headers, JsonElement body, bool countTokens)
    {
        var violations = new List<string>();
        if (string.IsNullOrEmpty(headers["anthropic-version"]))
        {
            violations.Add("anthropic-version: header is required");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            violations.Add("body: Input should be an object");
            return violations;
        }

        if (!countTokens)
        {
            foreach (var property in body.EnumerateObject())
            {
                if (!KnownParameters.Contains(property.Name))
                {
                    violations.Add($"{property.Name}: Extra inputs are not permitted");
                }
            }

            if (!body.TryGetProperty("max_tokens", out var maxTokens) || maxTokens.ValueKind != JsonValueKind.Number || !maxTokens.TryGetInt64(out var max) || max < 1)
            {
                violations.Add("max_tokens: Field required (an integer of at least 1)");
            }

            if (body.TryGetProperty("stream", out var stream) && stream.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                violations.Add("stream: Input should be a valid boolean");
            }
        }

        if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString()!.Length == 0)
        {
            violations.Add("model: Field required");
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            violations.Add("messages: Field required");
            return violations;
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            // Claude Code (2.1.328 on) puts a system entry among the messages, which the API takes.
            if (!message.TryGetProperty("role", out var role) || role.GetString() is not ("user" or "assistant" or "system"))
            {
                violations.Add($"messages.{index}.role: Input should be 'user' or 'assistant'");
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                violations.Add($"messages.{index}.content: Field required");
            }

            index++;
        }

        return violations;
    }
}
