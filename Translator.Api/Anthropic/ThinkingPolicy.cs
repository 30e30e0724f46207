namespace Translator.Api.Anthropic;

/// <summary>
/// Thinking exactly as asked: a model behind the translator reasons whatever the request says,
/// but Anthropic answers with thinking blocks only when thinking was enabled, and with their text
/// only unless <c>display</c> is <c>omitted</c>. The call plan holds the display; a complete answer
/// goes through <see cref="Apply"/>, a stream through <see cref="AnthropicEventWriter"/>, both by
/// <see cref="ShowsBlocks"/> and <see cref="ShowsText"/>.
/// </summary>
internal static class ThinkingPolicy
{
    public static ThinkingDisplay For(ThinkingConfig? thinking) => thinking switch
    {
        null or { Type: "disabled" } => ThinkingDisplay.None,
        { Display: "omitted" } => ThinkingDisplay.Omitted,
        _ => ThinkingDisplay.Summarized,
    };

    /// <summary>Whether the answer has thinking blocks at all.</summary>
    public static bool ShowsBlocks(ThinkingDisplay display) => display != ThinkingDisplay.None;

    /// <summary>Whether its thinking blocks carry their text (else only their signature).</summary>
    public static bool ShowsText(ThinkingDisplay display) => display == ThinkingDisplay.Summarized;

    /// <summary>A complete answer as the request asked to see it.</summary>
    public static MessagesResponse Apply(MessagesResponse message, ThinkingDisplay display)
    {
        if (!ShowsBlocks(display) && message.Content.Any(b => b is ResponseThinkingBlock))
        {
            return message with { Content = [.. message.Content.Where(b => b is not ResponseThinkingBlock)] };
        }

        if (!ShowsText(display) && message.Content.Any(b => b is ResponseThinkingBlock { Thinking.Length: > 0 }))
        {
            return message with { Content = [.. message.Content.Select(b => b is ResponseThinkingBlock thinking ? thinking with { Thinking = string.Empty } : b)] };
        }

        return message;
    }
}
