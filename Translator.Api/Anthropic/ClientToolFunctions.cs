using System.Globalization;

namespace Translator.Api.Anthropic;

/// <summary>
/// Anthropic's client tools (text editor, bash, memory, computer use): Anthropic defines them and
/// its model calls them, but the client runs them. An OpenAI model knows none of them, so each
/// becomes a function of the tool's own name, with the input schema Anthropic documents and a
/// description that carries the options the client set; the model's call then comes back as a
/// <c>tool_use</c> of that name, its input in Anthropic's shape, and the results go up as any other.
/// </summary>
/// <remarks>
/// Not strict: every one of these schemas has optional fields (a command's own arguments), which
/// strict mode would turn into required nullable ones, and the client would then read nulls
/// Anthropic never sends.
/// </remarks>
internal static class ClientToolFunctions
{
    private static readonly ClientToolVersion[] Served =
    [
        new("text_editor_20241022", "str_replace_editor", _ => ClientToolSchemas.StrReplaceEditor, DescribeTextEditor),
        new("text_editor_20250124", "str_replace_editor", _ => ClientToolSchemas.StrReplaceEditor, DescribeTextEditor),
        new("text_editor_20250429", "str_replace_based_edit_tool", _ => ClientToolSchemas.StrReplaceBasedEditTool, DescribeTextEditor),
        new("text_editor_20250728", "str_replace_based_edit_tool", _ => ClientToolSchemas.StrReplaceBasedEditTool, DescribeTextEditor),
        new("bash_20241022", "bash", _ => ClientToolSchemas.Bash, DescribeBash),
        new("bash_20250124", "bash", _ => ClientToolSchemas.Bash, DescribeBash),
        new("memory_20250818", "memory", _ => ClientToolSchemas.Memory, DescribeMemory),
        new("computer_20241022", "computer", _ => ClientToolSchemas.Computer20241022, DescribeComputer),
        new("computer_20250124", "computer", _ => ClientToolSchemas.Computer20250124, DescribeComputer),
        new("computer_20251124", "computer", t => t.EnableZoom == true ? ClientToolSchemas.ComputerWithZoom : ClientToolSchemas.Computer20250124, DescribeComputer),
    ];

    /// <summary>The tool types' families: a version this translator does not know is refused by name.</summary>
    private static readonly string[] Families = ["text_editor_", "bash_", "memory_", "computer_"];

    /// <summary>The tool as the model is shown it: Anthropic's client tools as functions, any other as it is.</summary>
    public static ToolDefinition AsFunction(ToolDefinition tool) => Find(tool.Type) is { } version
        ? new ToolDefinition { Name = tool.Name, Description = version.Describe(tool), InputSchema = version.Schema(tool), DeferLoading = tool.DeferLoading }
        : tool;

    /// <summary>Whether <paramref name="type"/> names one of Anthropic's client tools, in a version served or not.</summary>
    public static bool IsClientToolType(string? type) => type is not null && Families.Any(f => type.StartsWith(f, StringComparison.Ordinal));

    /// <summary>A client tool's first bad field, by its path from the tool; the type must be one <see cref="IsClientToolType"/> accepts.</summary>
    public static InvalidField? Check(ToolDefinition tool)
    {
        if (Find(tool.Type) is not { } version)
        {
            var family = Families.First(f => tool.Type!.StartsWith(f, StringComparison.Ordinal));
            var served = Served.Where(v => v.Type.StartsWith(family, StringComparison.Ordinal)).Select(v => v.Type);
            return new("type", $"Unknown version {InvalidField.Quote(tool.Type)} of Anthropic's {family.TrimEnd('_')} tool; this translator serves {string.Join(", ", served)}.");
        }

        if (tool.Name != version.Name)
        {
            return new("name", $"Must be '{version.Name}' for {version.Type}.");
        }

        if (version.Name == "computer" && (tool.DisplayWidthPx is null or < 1 || tool.DisplayHeightPx is null or < 1))
        {
            return new(tool.DisplayWidthPx is null or < 1 ? "display_width_px" : "display_height_px", "Field required; must be a positive number of pixels.");
        }

        return tool.MaxCharacters is < 1 ? new("max_characters", "Must be greater than or equal to 1.") : null;
    }

    private static ClientToolVersion? Find(string? type) => Array.Find(Served, v => v.Type == type);

    private static string DescribeTextEditor(ToolDefinition tool) =>
        "Anthropic's text editor, run by the client on its files: view a file (its lines numbered) or list a directory, create a file, " +
        "replace one exact occurrence of a string, or insert text after a line" +
        (tool.Type is "text_editor_20241022" or "text_editor_20250124" ? ", or undo the last edit of a file." : ".") +
        " Give absolute paths; view a file before you edit it." +
        (tool.MaxCharacters is { } max ? string.Create(CultureInfo.InvariantCulture, $" A view shows at most {max} characters of a file.") : string.Empty);

    private static string DescribeBash(ToolDefinition tool) =>
        "Runs a command in a bash shell on the client's machine and returns what it printed. The session persists between calls " +
        "(working directory, variables); set restart to true to start a fresh one. Avoid commands that wait for input.";

    private static string DescribeMemory(ToolDefinition tool) =>
        "Your memory: a directory, /memories, that the client keeps across conversations. View it before you start a task, and " +
        "record progress and what you learn in files there as you go (view, create, str_replace, insert, delete, rename). Every path must be under /memories.";

    private static string DescribeComputer(ToolDefinition tool) =>
        "Controls the client's computer with the mouse and keyboard and sees it through screenshots. The screen is " +
        string.Create(CultureInfo.InvariantCulture, $"{tool.DisplayWidthPx}x{tool.DisplayHeightPx} pixels") +
        (tool.DisplayNumber is { } display ? string.Create(CultureInfo.InvariantCulture, $" (X11 display :{display})") : string.Empty) +
        "; coordinates are [x, y] pixels from its top-left corner. Take a screenshot to see the screen before and after acting.";
}
