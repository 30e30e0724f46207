namespace Translator.Api.Anthropic;

/// <summary>
/// Thinking exactly as asked: a model behind the translator reasons whatever the request says,
/// but Anthropic answers with thinking blocks only when thinking was enabled, and with their text
/// only unless <c>display</c> is <c>omitted</c>. Streams apply it in <see cref="AnthropicEventWriter"/>.
/// </summary>
internal static class ThinkingPolicy
{
    public static ThinkingDisplay For(ThinkingConfig? thinking) => thinking switch
    {
        null or { Type: "disabled" } => ThinkingDisplay.None,
        { Display: "omitted" } => ThinkingDisplay.Omitted,
        _ => ThinkingDisplay.Summarized,
    };

    /// <summary>A complete answer as the request asked to see it.</summary>
    public static MessagesResponse Apply(MessagesResponse message, ThinkingDisplay display) => display switch
    {
        ThinkingDisplay.None when message.Content.Any(b => b is ResponseThinkingBlock) =>
            message with { Content = [.. message.Content.Where(b => b is not ResponseThinkingBlock)] },
        ThinkingDisplay.Omitted when message.Content.Any(b => b is ResponseThinkingBlock { Thinking.Length: > 0 }) =>
            message with { Content = [.. message.Content.Select(b => b is ResponseThinkingBlock thinking ? thinking with { Thinking = string.Empty } : b)] },
        _ => message,
    };
}
