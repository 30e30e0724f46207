namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatChoice
{
    public int Index { get; init; }
    public ChatResponseMessage? Message { get; init; }
    public string? FinishReason { get; init; }
}
