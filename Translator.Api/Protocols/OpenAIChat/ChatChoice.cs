namespace Translator.Api.Protocols.OpenAIChat;

internal sealed record ChatChoice
{
    public int Index { get; init; }
    public ChatResponseMessage? Message { get; init; }
    public string? FinishReason { get; init; }
}
