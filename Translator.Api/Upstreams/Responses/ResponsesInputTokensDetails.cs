namespace Translator.Api.Upstreams.Responses;

internal sealed record ResponsesInputTokensDetails
{
    public long CachedTokens { get; init; }

    /// <summary>Input tokens written to the cache by this request (newer models report them).</summary>
    public long CacheWriteTokens { get; init; }
}
