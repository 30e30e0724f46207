namespace Translator.Api.Upstreams.Chat;

/// <summary>A request message: system, user, assistant (possibly with tool calls) or tool.</summary>
internal sealed record ChatMessage
{
    public required string Role { get; init; }
    public ChatMessageContent? Content { get; init; }
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
}
