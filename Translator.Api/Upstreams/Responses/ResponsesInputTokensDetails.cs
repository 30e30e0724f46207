namespace Translator.Api.Upstreams.Responses;

internal sealed record ResponsesInputTokensDetails
{
    public long CachedTokens { get; init; }
}
