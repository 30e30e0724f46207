using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>A user turn as Chat messages: a tool message per result, then one user message with the rest.</summary>
internal struct ChatUserTurnWriter(List<ChatMessage> messages, CacheBreakpoints breakpoints) : IUserTurnWriter
{
    private List<ChatContentPart>? _parts;

    public readonly void ToolResult(ContentBlock result, string callId, string text, IReadOnlyList<ContentBlock> media) =>
        messages.Add(new ChatMessage
        {
            Role = "tool",
            ToolCallId = callId,
            Content = breakpoints.At(result) is { } breakpoint
                ? new ChatMessageContent([ChatContentPart.FromText(text) with { PromptCacheBreakpoint = breakpoint }])
                : new ChatMessageContent(text),
        });

    public void UserText(string text) => (_parts ??= []).Add(ChatContentPart.FromText(text));

    public void UserPart(ContentBlock block)
    {
        if (ChatRequestTranslator.ToPart(block) is { } part)
        {
            (_parts ??= []).Add(breakpoints.At(block) is { } breakpoint ? part with { PromptCacheBreakpoint = breakpoint } : part);
        }
    }

    /// <summary>Adds the user message, if the turn left anything for it; a lone unmarked text goes as a string.</summary>
    public readonly void Finish()
    {
        if (_parts is { Count: > 0 } parts)
        {
            var single = parts is [{ Type: "text", PromptCacheBreakpoint: null }];
            messages.Add(new ChatMessage { Role = "user", Content = single ? new ChatMessageContent(parts[0].Text!) : new ChatMessageContent(parts) });
        }
    }
}
