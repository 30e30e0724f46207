using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// The tools a request declares (client tools, Anthropic's client tools and web search, each name once), the
/// <c>tool_reference</c> blocks that must name one of them, and <c>tool_choice</c>.
/// </summary>
internal static class ToolsValidator
{
    /// <summary>The first bad tool, tool reference or tool choice, by its path from the request.</summary>
    public static InvalidField? Check(MessagesRequest request)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tools = request.Tools ?? [];
        for (var i = 0; i < tools.Count; i++)
        {
            var invalid = tools[i] is { } tool ? CheckTool(tool, names) : InvalidField.Here("Must be an object.");
            if (invalid is not null)
            {
                return invalid.Within(i).Within("tools");
            }
        }

        return CheckReferences(request, names) ?? CheckChoice(request.ToolChoice, names);
    }

    /// <summary>A tool definition, by paths from the tool; a valid tool's name is added to <paramref name="names"/>.</summary>
    private static InvalidField? CheckTool(ToolDefinition tool, HashSet<string> names)
    {
        var invalid = WebSearch.IsTool(tool) ? WebSearchValidator.CheckTool(tool)
            : ClientToolFunctions.IsClientToolType(tool.Type) ? ClientToolFunctions.Check(tool)
            : CheckClientTool(tool);
        if (invalid is not null)
        {
            return invalid;
        }

        // Both kinds are valid only with a name by now.
        return names.Add(tool.Name!) ? null : new("name", $"Tool names must be unique; {tool.Name} appears twice.");
    }

    private static InvalidField? CheckClientTool(ToolDefinition tool)
    {
        if (tool.Type is { } serverTool && serverTool.StartsWith("tool_search_tool_", StringComparison.Ordinal))
        {
            return new("type", $"Anthropic's server-side tool search ({serverTool}) is not available through an OpenAI upstream. Search on the client instead, as Claude Code's ToolSearch does: keep defer_loading on the tools and answer the search with tool_reference blocks in a tool_result; or declare the tools without defer_loading.");
        }

        if (tool.Type is not (null or "custom"))
        {
            return new("type", $"Server tool {InvalidField.Quote(tool.Type)} runs on Anthropic's servers and cannot be served by an OpenAI upstream; define it as a client tool instead (web_search and Anthropic's client tools, text_editor, bash, memory and computer, are served).");
        }

        if (string.IsNullOrEmpty(tool.Name) || !ToolIdentifiers.IsValidName(tool.Name))
        {
            return new("name", "Field required; must match ^[a-zA-Z0-9_-]{1,128}$.");
        }

        return tool.InputSchema is { ValueKind: JsonValueKind.Object } ? null : new("input_schema", "Field required; must be a JSON schema object.");
    }

    /// <summary>Each tool_reference in a tool result (Claude Code's ToolSearch answers so) must name a declared tool.</summary>
    private static InvalidField? CheckReferences(MessagesRequest request, HashSet<string> names)
    {
        foreach (var (path, name) in LoadedTools.References(request))
        {
            if (string.IsNullOrEmpty(name))
            {
                return new($"{path}.tool_name", "Field required.");
            }

            if (!names.Contains(name))
            {
                return new($"{path}.tool_name", $"Tool {name} is not among the request's tools; a tool_reference must name a tool declared in tools (with defer_loading).");
            }
        }

        return null;
    }

    private static InvalidField? CheckChoice(ToolChoice? choice, HashSet<string> names) => choice switch
    {
        null or { Type: "auto" or "any" or "none" } => null,
        { Type: "tool", Name: null or "" } => new("tool_choice.name", "Field required when tool_choice.type is 'tool'."),
        { Type: "tool", Name: { } name } => names.Contains(name) ? null : new("tool_choice.name", $"Tool {name} is not among the request's tools."),
        _ => new("tool_choice.type", $"Unknown tool_choice type {InvalidField.Quote(choice.Type)}; expected 'auto', 'any', 'tool' or 'none'."),
    };
}
