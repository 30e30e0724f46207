using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// <c>context_management.edits</c>: the edits <see cref="ContextEditor"/> applies, with their
/// options, and server-side compaction refused with what to do instead.
/// </summary>
internal static class ContextManagementValidator
{
    /// <summary>The first bad edit, by its path from <c>context_management</c>.</summary>
    public static InvalidField? Check(ContextManagement? management)
    {
        var edits = management?.Edits ?? [];
        for (var i = 0; i < edits.Count; i++)
        {
            var invalid = edits[i] is { } edit ? CheckEdit(edit, isFirst: i == 0) : InvalidField.Here("Must be an object.");
            if (invalid is not null)
            {
                return invalid.Within(i).Within("edits");
            }
        }

        return null;
    }

    private static InvalidField? CheckEdit(ContextEdit edit, bool isFirst) => edit.Type switch
    {
        ContextEditor.ClearThinking when !isFirst => new("type", "clear_thinking_20251015 must be the first edit."),
        ContextEditor.ClearThinking => CheckClearThinking(edit),
        ContextEditor.ClearToolUses => CheckClearToolUses(edit),
        ContextEditor.Compact => new("type", "Server-side compaction (compact_20260112) is not available through an OpenAI upstream: the translator cannot produce the compaction block it returns. Compact on the client (Claude Code's /compact, or its automatic compaction when the prompt is too long), or clear old tool results with clear_tool_uses_20250919."),
        _ => new("type", $"Unknown context edit {InvalidField.Quote(edit.Type)}; expected '{ContextEditor.ClearToolUses}' or '{ContextEditor.ClearThinking}'."),
    };

    private static InvalidField? CheckClearThinking(ContextEdit edit) =>
        edit.Keep is { } keep && !(keep.ValueKind == JsonValueKind.String && keep.ValueEquals("all")) && !IsThreshold(keep, "thinking_turns")
            ? new("keep", "Must be \"all\" or {\"type\":\"thinking_turns\",\"value\":N}.")
            : null;

    private static InvalidField? CheckClearToolUses(ContextEdit edit)
    {
        if (edit.Trigger is { } trigger && (trigger.Type is not ("input_tokens" or "tool_uses") || trigger.Value is null or < 1))
        {
            return new("trigger", "Must be {\"type\":\"input_tokens\"|\"tool_uses\",\"value\":N} with N at least 1.");
        }

        if (edit.Keep is { } keep && !IsThreshold(keep, "tool_uses"))
        {
            return new("keep", "Must be {\"type\":\"tool_uses\",\"value\":N}.");
        }

        if (edit.ClearAtLeast is { } least && (least.Type != "input_tokens" || least.Value is null or < 0))
        {
            return new("clear_at_least", "Must be {\"type\":\"input_tokens\",\"value\":N}.");
        }

        return edit.ClearToolInputs is { ValueKind: not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Array) }
            ? new("clear_tool_inputs", "Must be a boolean or a list of tool names.")
            : null;
    }

    /// <summary><c>{"type": type, "value": N}</c> with N a whole number, at least 0 (TryGetInt64 throws on any other kind than a number).</summary>
    private static bool IsThreshold(JsonElement value, string type) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String && kind.ValueEquals(type)
        && value.TryGetProperty("value", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) && n >= 0;
}
