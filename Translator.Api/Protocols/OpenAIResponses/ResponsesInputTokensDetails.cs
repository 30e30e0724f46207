namespace Translator.Api.Protocols.OpenAIResponses;

internal sealed record ResponsesInputTokensDetails
{
    public long CachedTokens { get; init; }
}
