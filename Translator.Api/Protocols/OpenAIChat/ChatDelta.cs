namespace Translator.Api.Protocols.OpenAIChat;

internal sealed record ChatDelta
{
    public string? Content { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public string? Refusal { get; init; }
    public IReadOnlyList<ChatToolCallDelta>? ToolCalls { get; init; }
}
