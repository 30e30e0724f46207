namespace Translator.Api.Anthropic;

/// <summary>
/// Anthropic's server-side web search: the tool versions a request may declare and the blocks that
/// carry a search in an answer (and back in later turns).
/// </summary>
internal static class WebSearch
{
    public const string ToolName = "web_search";

    /// <summary>The blocks of a search: the call, then its results.</summary>
    public const string ServerToolUse = "server_tool_use";
    public const string ToolResult = "web_search_tool_result";

    /// <summary>The prefix of a server tool use's id (<c>srvtoolu_...</c>).</summary>
    public const string IdPrefix = "srvtoolu_";

    private static readonly string[] Versions = ["web_search_20250305", "web_search_20260209", "web_search_20260318"];

    public static bool IsTool(ToolDefinition tool) => tool.Type is { } type && Versions.Contains(type);

    /// <summary>The request declares web search, or carries an earlier search back.</summary>
    public static bool IsUsedBy(MessagesRequest request) =>
        request.Tools?.Any(IsTool) == true
        || request.Messages?.Any(m => m.Content?.Blocks?.Any(b => b.Type is ServerToolUse or ToolResult) == true) == true;
}
