namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// The assistant message of a completion. Servers that expose reasoning use either
/// <c>reasoning_content</c> (DeepSeek, vLLM) or <c>reasoning</c> (OpenRouter); both are read.
/// </summary>
internal sealed record ChatResponseMessage
{
    public string? Content { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public string? Refusal { get; init; }
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }
}
