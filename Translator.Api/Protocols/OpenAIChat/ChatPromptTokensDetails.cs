namespace Translator.Api.Protocols.OpenAIChat;

internal sealed record ChatPromptTokensDetails
{
    public long CachedTokens { get; init; }
}
