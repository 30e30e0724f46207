namespace Translator.Api.Protocols.OpenAIChat;

internal sealed record ChatChunkChoice
{
    public int Index { get; init; }
    public ChatDelta? Delta { get; init; }
    public string? FinishReason { get; init; }
}
