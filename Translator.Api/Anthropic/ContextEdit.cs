using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>One edit of <c>context_management.edits</c>: <c>clear_tool_uses_20250919</c>, <c>clear_thinking_20251015</c> or <c>compact_20260112</c>.</summary>
internal sealed record ContextEdit
{
    public string? Type { get; init; }

    /// <summary>clear_tool_uses: when to clear (<c>input_tokens</c> or <c>tool_uses</c>; default 100,000 input tokens).</summary>
    public ContextThreshold? Trigger { get; init; }

    /// <summary>clear_tool_uses: <c>{type:"tool_uses", value}</c> (default 3); clear_thinking: <c>{type:"thinking_turns", value}</c> (default 1) or <c>"all"</c>.</summary>
    public JsonElement? Keep { get; init; }

    /// <summary>clear_tool_uses: clear at least this many input tokens, or nothing.</summary>
    public ContextThreshold? ClearAtLeast { get; init; }

    /// <summary>clear_tool_uses: tools whose uses are never cleared.</summary>
    public IReadOnlyList<string>? ExcludeTools { get; init; }

    /// <summary>clear_tool_uses: also clear the inputs of cleared uses: <c>true</c>, or the tool names whose inputs to clear.</summary>
    public JsonElement? ClearToolInputs { get; init; }
}
