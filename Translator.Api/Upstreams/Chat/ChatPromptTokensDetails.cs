namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatPromptTokensDetails
{
    public long CachedTokens { get; init; }

    /// <summary>Prompt tokens written to the cache by this request (newer models report them).</summary>
    public long CacheWriteTokens { get; init; }
}
