namespace Translator.Api.Anthropic;

/// <summary>
/// The web_search tool a request declares, and the blocks of an earlier search that an assistant
/// turn carries back (<see cref="WebSearch"/>).
/// </summary>
internal static class WebSearchValidator
{
    /// <summary>A web_search tool definition's first bad field, by its path from the tool.</summary>
    public static InvalidField? CheckTool(ToolDefinition tool)
    {
        if (tool.Name != WebSearch.ToolName)
        {
            return new("name", $"Must be '{WebSearch.ToolName}'.");
        }

        if (tool.MaxUses is < 1)
        {
            return new("max_uses", "Must be greater than or equal to 1.");
        }

        if (tool.AllowedDomains is { Count: > 0 } && tool.BlockedDomains is { Count: > 0 })
        {
            return InvalidField.Here("Use either allowed_domains or blocked_domains, not both.");
        }

        return CheckDomains("allowed_domains", tool.AllowedDomains)
            ?? CheckDomains("blocked_domains", tool.BlockedDomains)
            ?? (tool.UserLocation is { Type: not "approximate" } ? new("user_location.type", "Must be 'approximate'.") : null);
    }

    /// <summary>A <c>server_tool_use</c> block's id and name, by their paths from the block (its input is checked as a tool_use's is).</summary>
    public static InvalidField? CheckServerToolUse(ContentBlock block)
    {
        if (block.Id is not { } id || !id.StartsWith(WebSearch.IdPrefix, StringComparison.Ordinal) || !ToolIdentifiers.IsValid(id))
        {
            return new("id", "Field required; must match ^srvtoolu_[a-zA-Z0-9_]+$.");
        }

        return block.Name == WebSearch.ToolName ? null : new("name", $"The only server tool an OpenAI upstream runs is {WebSearch.ToolName}.");
    }

    /// <summary>A <c>web_search_tool_result</c> block's first bad field, by its path from the block.</summary>
    public static InvalidField? CheckToolResult(ContentBlock block)
    {
        if (string.IsNullOrEmpty(block.ToolUseId))
        {
            return new("tool_use_id", "Field required.");
        }

        return CheckResults(block.Content)?.Within("content");
    }

    private static InvalidField? CheckDomains(string field, IReadOnlyList<string>? domains) =>
        domains?.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains("://", StringComparison.Ordinal)) == true
            ? new(field, "Domains are names such as example.com, without a scheme.")
            : null;

    /// <summary>The results: a list of pages found or, as one object rather than a list, the error of a failed search.</summary>
    private static InvalidField? CheckResults(MessageContent? content)
    {
        if (content?.Blocks is not { } results)
        {
            return InvalidField.Here("Field required; must be a list of web_search_result blocks or a web_search_tool_result_error.");
        }

        for (var i = 0; i < results.Count; i++)
        {
            switch (results[i])
            {
                case { Type: "web_search_result", Url.Length: > 0 }:
                case { Type: "web_search_tool_result_error", ErrorCode.Length: > 0 } when content.IsSingleObject:
                    break;
                default:
                    var invalid = InvalidField.Here("Must be a web_search_result (with a url) or, alone, a web_search_tool_result_error (with an error_code).");
                    return content.IsSingleObject ? invalid : invalid.Within(i);
            }
        }

        return null;
    }
}
