namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatPromptTokensDetails
{
    public long CachedTokens { get; init; }
}
