using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// Applies <c>context_management.edits</c> to a request before it is translated, with Anthropic's
/// documented semantics, since no OpenAI upstream knows them. The client keeps its whole history;
/// only what goes upstream is edited, so a client that asked for old tool results to be cleared
/// does not send ever larger prompts to the model.
/// </summary>
/// <remarks>
/// <c>clear_thinking_20251015</c> removes the thinking blocks of all but the last <c>keep</c>
/// assistant turns that have any (default 1; <c>"all"</c> keeps them). <c>clear_tool_uses_20250919</c>,
/// once the prompt is over its trigger (default 100,000 input tokens), replaces the results of the
/// oldest tool uses with a placeholder, keeping the last <c>keep</c> (default 3) and those of
/// <c>exclude_tools</c>; with <c>clear_at_least</c> it clears that many tokens or nothing;
/// <c>clear_tool_inputs</c> also empties the inputs of the uses it clears.
/// </remarks>
internal static class ContextEditor
{
    public const string ClearToolUses = "clear_tool_uses_20250919";
    public const string ClearThinking = "clear_thinking_20251015";
    public const string Compact = "compact_20260112";

    /// <summary>What a cleared tool result says instead, so the model knows it was there.</summary>
    public const string ClearedToolResult = "[Tool result cleared to save context]";

    private const long DefaultTrigger = 100_000;
    private const long DefaultKeepToolUses = 3;
    private const long DefaultKeepThinkingTurns = 1;

    private static readonly JsonElement EmptyInput = JsonElement.Parse("{}");

    /// <param name="countRequest">The input tokens of a request as the upstream model reads it.</param>
    /// <param name="countText">The tokens of a text.</param>
    public static (MessagesRequest Request, IReadOnlyList<AppliedContextEdit> Applied) Apply(
        MessagesRequest request, Func<MessagesRequest, long> countRequest, Func<string, long> countText)
    {
        var applied = new List<AppliedContextEdit>();
        foreach (var edit in request.ContextManagement?.Edits ?? [])
        {
            (request, var result) = edit.Type switch
            {
                ClearThinking => ApplyClearThinking(request, edit, countText),
                ClearToolUses => ApplyClearToolUses(request, edit, countRequest, countText),
                _ => (request, null),
            };
            if (result is not null)
            {
                applied.Add(result);
            }
        }

        return (request, applied);
    }

    private static (MessagesRequest, AppliedContextEdit?) ApplyClearThinking(MessagesRequest request, ContextEdit edit, Func<string, long> countText)
    {
        if (edit.Keep is { ValueKind: JsonValueKind.String })
        {
            return (request, null);
        }

        var keep = KeepValue(edit.Keep, DefaultKeepThinkingTurns);
        var messages = request.Messages!;
        var withThinking = Enumerable.Range(0, messages.Count)
            .Where(i => messages[i].Role == "assistant" && messages[i].Content?.Blocks is { } blocks && blocks.Any(IsThinking))
            .ToList();
        var cleared = withThinking.Take(Math.Max(0, withThinking.Count - (int)Math.Min(keep, int.MaxValue))).ToHashSet();
        if (cleared.Count == 0)
        {
            return (request, null);
        }

        long tokens = 0;
        var edited = messages.Select((message, i) =>
        {
            if (!cleared.Contains(i))
            {
                return message;
            }

            var blocks = message.Content!.Blocks!;
            tokens += blocks.Where(IsThinking).Sum(b => countText(b.Thinking ?? b.Data ?? string.Empty));
            return message with { Content = new MessageContent([.. blocks.Where(b => !IsThinking(b))]) };
        }).ToList();

        return (request with { Messages = edited }, new AppliedClearThinking(cleared.Count, tokens));

        static bool IsThinking(ContentBlock block) => block.Type is "thinking" or "redacted_thinking";
    }

    private static (MessagesRequest, AppliedContextEdit?) ApplyClearToolUses(
        MessagesRequest request, ContextEdit edit, Func<MessagesRequest, long> countRequest, Func<string, long> countText)
    {
        var messages = request.Messages!;
        var uses = new List<(int Message, int Block, string Id, string Name)>();
        for (var m = 0; m < messages.Count; m++)
        {
            if (messages[m] is { Role: "assistant", Content.Blocks: { } blocks })
            {
                for (var b = 0; b < blocks.Count; b++)
                {
                    if (blocks[b] is { Type: "tool_use", Id: { } id, Name: { } name })
                    {
                        uses.Add((m, b, id, name));
                    }
                }
            }
        }

        var trigger = edit.Trigger;
        var triggered = trigger?.Type == "tool_uses"
            ? uses.Count > (trigger.Value ?? 0)
            : countRequest(request) > (trigger?.Value ?? DefaultTrigger);
        if (!triggered)
        {
            return (request, null);
        }

        var excluded = edit.ExcludeTools ?? [];
        var keep = (int)Math.Min(KeepValue(edit.Keep, DefaultKeepToolUses), int.MaxValue);
        var candidates = uses.Take(Math.Max(0, uses.Count - keep)).Where(u => !excluded.Contains(u.Name)).ToList();
        var results = ToolResults(messages);

        // Oldest first, until clear_at_least is reached; if it cannot be, nothing is cleared.
        var clearAtLeast = edit.ClearAtLeast?.Value ?? 0;
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        long tokens = 0;
        foreach (var use in candidates)
        {
            if (clearAtLeast > 0 && tokens >= clearAtLeast)
            {
                break;
            }

            if (results.TryGetValue(use.Id, out var result) && !IsCleared(result))
            {
                chosen.Add(use.Id);
                // A result shorter than the placeholder frees nothing, but is cleared all the same,
                // as Anthropic clears every use older than keep (issue 21).
                tokens += Math.Max(0, countText(AnthropicContent.SplitToolResult(result).Text) - countText(ClearedToolResult));
                if (ClearsInput(edit.ClearToolInputs, use.Name))
                {
                    tokens += countText(messages[use.Message].Content!.Blocks![use.Block].Input?.GetRawText() ?? string.Empty);
                }
            }
        }

        if (chosen.Count == 0 || tokens < clearAtLeast)
        {
            return (request, null);
        }

        var edited = messages.Select(message => message.Content?.Blocks is { } blocks && blocks.Any(b => Touches(b, chosen))
            ? message with { Content = new MessageContent([.. blocks.Select(b => Clear(b, chosen, edit.ClearToolInputs))]) }
            : message).ToList();
        return (request with { Messages = edited }, new AppliedClearToolUses(chosen.Count, tokens));
    }

    private static bool Touches(ContentBlock block, HashSet<string> chosen) =>
        (block.Type == "tool_result" && chosen.Contains(block.ToolUseId!)) || (block.Type == "tool_use" && chosen.Contains(block.Id!));

    private static ContentBlock Clear(ContentBlock block, HashSet<string> chosen, JsonElement? clearToolInputs) => block switch
    {
        { Type: "tool_result" } when chosen.Contains(block.ToolUseId!) => block with { Content = new MessageContent(ClearedToolResult), IsError = null },
        { Type: "tool_use" } when chosen.Contains(block.Id!) && ClearsInput(clearToolInputs, block.Name!) => block with { Input = EmptyInput },
        _ => block,
    };

    private static bool IsCleared(ContentBlock result) => result.Content?.Text == ClearedToolResult;

    private static bool ClearsInput(JsonElement? clearToolInputs, string toolName) => clearToolInputs switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.Array } names => names.EnumerateArray().Any(n => n.ValueKind == JsonValueKind.String && n.ValueEquals(toolName)),
        _ => false,
    };

    private static Dictionary<string, ContentBlock> ToolResults(IReadOnlyList<InputMessage> messages)
    {
        var results = new Dictionary<string, ContentBlock>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            foreach (var block in message.Content?.Blocks ?? [])
            {
                if (block is { Type: "tool_result", ToolUseId: { } id })
                {
                    results[id] = block;
                }
            }
        }

        return results;
    }

    private static long KeepValue(JsonElement? keep, long defaultValue) =>
        keep is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("value", out var number) && number.TryGetInt64(out var count) ? count : defaultValue;
}
