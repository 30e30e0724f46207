using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>What a request is translated for: the upstream model, the effort it is asked to reason with, the conversation's cache key.</summary>
/// <param name="ReasoningEffort">The effective effort (the request's, clamped to what the model takes); null for none.</param>
/// <param name="PromptCacheKey">The conversation's <see cref="Upstreams.PromptCacheKey"/>.</param>
/// <param name="PromptCacheRetention">How long the upstream keeps the cached prompt (<c>Translator:Caching:Retention</c>); null to leave its default.</param>
/// <param name="PromptCacheMode">Where the upstream caches (<c>Translator:Caching:Breakpoints</c>, <see cref="CacheBreakpoints"/>); null to send no breakpoints.</param>
internal sealed record UpstreamTarget(string Model, string? ReasoningEffort, string? PromptCacheKey, string? PromptCacheRetention = null, string? PromptCacheMode = null)
{
    /// <summary>
    /// The retention a model takes: GPT-5.5 only <c>24h</c>; none on GPT-5.6 and later, where
    /// <c>prompt_cache_options</c> supersedes it (and a request with both is rejected).
    /// </summary>
    public static string? RetentionFor(string model, string? configured) => (configured, UpstreamModels.Minor(model)) switch
    {
        (null, _) => null,
        (_, >= 6) => null,
        (_, 5) => "24h",
        _ => configured,
    };

    /// <summary>The cache mode a model takes: <c>prompt_cache_options</c> and breakpoints exist from GPT-5.6 on, and earlier models reject them.</summary>
    public static string? CacheModeFor(string model, string? configured) => UpstreamModels.Minor(model) >= 6 ? configured : null;

    /// <summary>A target with the effort as the request asks it (for a model that takes every level), and no cache key.</summary>
    public static UpstreamTarget For(MessagesRequest request, string model) =>
        new(model, UpstreamModels.IsReasoningModel(model) ? ReasoningEffortMap.FromThinking(request.Thinking, request.OutputConfig) : null, null);
}
