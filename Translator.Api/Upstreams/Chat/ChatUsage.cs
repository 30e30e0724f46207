namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatUsage
{
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public ChatPromptTokensDetails? PromptTokensDetails { get; init; }
}
