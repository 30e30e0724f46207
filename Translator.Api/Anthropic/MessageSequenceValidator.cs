namespace Translator.Api.Anthropic;

/// <summary>
/// The conversation: at least one message, each with a known role and content (empty only in a final
/// assistant message), and every tool use answered in the next user turn, so none in the final message (<see cref="ToolUsePairing"/>).
/// </summary>
internal static class MessageSequenceValidator
{
    /// <summary>The first bad message or block, by its path from <c>messages</c>.</summary>
    public static InvalidField? Check(IReadOnlyList<InputMessage>? messages)
    {
        if (messages is null)
        {
            return InvalidField.Here("Field required.");
        }

        if (messages.Count == 0)
        {
            return InvalidField.Here("At least one message is required.");
        }

        var pairing = new ToolUsePairing();
        for (var m = 0; m < messages.Count; m++)
        {
            if (CheckMessage(messages[m], m, m == messages.Count - 1, pairing) is { } invalid)
            {
                return invalid.NamedByList ? InvalidField.Here(invalid.Message) : invalid;
            }
        }

        return pairing.EndConversation();
    }

    private static InvalidField? CheckMessage(InputMessage? message, int index, bool isFinal, ToolUsePairing pairing)
    {
        if (message?.Content is not { } content)
        {
            return (message is null ? InvalidField.Here("Must be an object.") : new("content", "Field required.")).Within(index);
        }

        if (ContentBlockValidator.RequireList(content) is { } notList)
        {
            return notList.Within("content").Within(index);
        }

        if (message.Role is "user" or "assistant" && IsEmpty(content) && !(isFinal && message.Role == "assistant"))
        {
            // Anthropic's wording, as its 400 prints it (anthropics/claude-code#4416, #6774): only a final
            // assistant message, a prefill still to be written, may be empty.
            return InvalidField.Here("all messages must have non-empty content except for the optional final assistant message").Within(index);
        }

        switch (message.Role)
        {
            case "user":
                return ContentBlockValidator.CheckMessage(content, message.Role, pairing)?.Within("content").Within(index)
                    ?? pairing.EndUserTurn();
            case "assistant":
                return pairing.StartAssistantTurn(index)
                    ?? ContentBlockValidator.CheckMessage(content, message.Role, pairing)?.Within("content").Within(index);
            case "system":
                // Claude Code places a system entry between turns; it does not break a tool loop.
                return ContentBlockValidator.CheckSystemMessage(content)?.Within("content").Within(index);
            case null:
                return new InvalidField("role", "Field required.").Within(index);
            default:
                return new InvalidField("role", $"Unknown role {InvalidField.Quote(message.Role)}; expected 'user', 'assistant' or 'system'.").Within(index);
        }
    }

    private static bool IsEmpty(MessageContent content) => content.Blocks is { Count: 0 } || content.Text is { Length: 0 };
}
