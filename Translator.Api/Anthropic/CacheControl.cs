namespace Translator.Api.Anthropic;

/// <summary>A block's <c>cache_control</c>: the prompt up to and including the block is to be cached (<c>ephemeral</c>, for <c>5m</c> or <c>1h</c>).</summary>
internal sealed record CacheControl
{
    public string? Type { get; init; }
    public string? Ttl { get; init; }
}
