using System.Text;
using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// What the client must see of an answer the upstream wrote under OpenAI's limits, streamed
/// (<see cref="AnthropicEventWriter"/> consults it) or not (<see cref="Apply"/>): its own tool
/// names where the upstream was given short ones, strict answers without the nulls strict mode
/// made the model write (<see cref="OptionalNulls"/>), and the answer ended at its max_tokens
/// (<see cref="MaxTokensCut"/>). One per call: it holds the stream's state.
/// </summary>
/// <param name="clientNames">The client's name of each tool renamed upstream, by its upstream name.</param>
/// <param name="cleanedTools">The client's schema of each strict tool whose calls may hold such nulls, by the client's name.</param>
/// <param name="cleanedOutput">The client's schema of a structured output that may hold such nulls.</param>
/// <param name="cut">Set when the client's max_tokens is under what the upstream was asked for.</param>
internal sealed class AnswerShaper(
    IReadOnlyDictionary<string, string> clientNames,
    IReadOnlyDictionary<string, JsonElement> cleanedTools,
    JsonElement? cleanedOutput,
    MaxTokensCut? cut)
{
    // A block whose JSON must be cleaned is held whole and sent, cleaned, as one delta when it closes.
    private StringBuilder? _held;
    private JsonElement _heldSchema;

    /// <summary>The answer reached the client's max_tokens: nothing more of it is shown.</summary>
    public bool IsCut => cut?.Reached == true;

    public string ClientName(string upstreamName) => clientNames.GetValueOrDefault(upstreamName, upstreamName);

    /// <summary>A text or tool_use block opened (<paramref name="toolName"/>: the client's name of its tool).</summary>
    public void BlockStarted(BlockKind kind, string? toolName)
    {
        var schema = kind switch
        {
            BlockKind.Text => cleanedOutput,
            BlockKind.ToolUse when toolName is not null && cleanedTools.TryGetValue(toolName, out var tool) => tool,
            _ => null,
        };
        _held = schema is null ? null : new StringBuilder();
        _heldSchema = schema ?? default;
    }

    /// <summary>What to send now of a text or input delta: held, cut, or all of it.</summary>
    public string Show(string delta)
    {
        if (_held is { } held)
        {
            held.Append(delta);
            return string.Empty;
        }

        return cut?.Take(delta) ?? delta;
    }

    /// <summary>The held JSON of the block that closes, cleaned; empty when nothing was held.</summary>
    public string Release()
    {
        if (_held is not { } held)
        {
            return string.Empty;
        }

        _held = null;
        var cleaned = OptionalNulls.Remove(held.ToString(), _heldSchema);
        return cut?.Take(cleaned) ?? cleaned;
    }

    public string StopReason(string stopReason) => IsCut ? StopReasons.MaxTokens : stopReason;

    /// <summary>A cut answer reports no more output tokens than the client allowed.</summary>
    public Usage Usage(Usage usage) => IsCut && usage.OutputTokens > cut!.MaxTokens ? usage with { OutputTokens = cut.MaxTokens } : usage;

    /// <summary>A complete answer as the client must see it.</summary>
    public MessagesResponse Apply(MessagesResponse message)
    {
        var content = new List<ResponseContentBlock>(message.Content.Count);
        foreach (var block in message.Content)
        {
            if (IsCut)
            {
                break;
            }

            switch (block)
            {
                case ResponseTextBlock text:
                    var shown = cleanedOutput is { } output ? OptionalNulls.Remove(text.Text, output) : text.Text;
                    shown = cut?.Take(shown) ?? shown;
                    if (shown.Length > 0)
                    {
                        content.Add(text with { Text = shown });
                    }

                    break;
                case ResponseToolUseBlock call:
                    var name = ClientName(call.Name);
                    var input = cleanedTools.TryGetValue(name, out var schema) ? OptionalNulls.Remove(call.Input, schema) : call.Input;

                    // A call's input is a whole object: one that does not fit is left out.
                    if (cut is null || cut.Take(input.GetRawText()).Length == input.GetRawText().Length)
                    {
                        content.Add(call with { Name = name, Input = input });
                    }

                    break;
                default:
                    content.Add(block);
                    break;
            }
        }

        return message with { Content = content, StopReason = message.StopReason is { } reason ? StopReason(reason) : null, Usage = Usage(message.Usage) };
    }
}
