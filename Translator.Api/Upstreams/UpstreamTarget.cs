namespace Translator.Api.Upstreams;

/// <summary>
/// A translated call (Chat or Responses) a request can be answered by: the model, the protocol it is called in, its
/// limits, and what the request is translated for (the effort, the cache settings). Made by the
/// call planner (<c>Models/CallPlanner</c>), the one place that decides them.
/// </summary>
internal sealed record UpstreamTarget : CallTarget
{
    public override string Name => Model;

    public required IUpstreamProtocol Protocol { get; init; }

    /// <summary>The most output tokens the model writes: a larger <c>max_tokens</c> is lowered to it for this call.</summary>
    public required long OutputLimit { get; init; }

    /// <summary>What the request's tools and output format become upstream: one per request, shared by its translated targets.</summary>
    public required OutputPlan Output { get; init; }

    /// <summary>The input tokens the model takes, for a too-long prompt's error when the upstream does not say.</summary>
    public required long ContextWindow { get; init; }

    /// <summary>The effective effort (the request's, clamped to what the model takes); null for none.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>The conversation's <see cref="Upstreams.PromptCacheKey"/>.</summary>
    public string? PromptCacheKey { get; init; }

    /// <summary>How long the upstream keeps the cached prompt (<c>Translator:Caching:Retention</c>); null to leave its default.</summary>
    public string? PromptCacheRetention { get; init; }

    /// <summary>Where the upstream caches (<c>Translator:Caching:Breakpoints</c>, <see cref="CacheBreakpoints"/>); null to send no breakpoints.</summary>
    public string? PromptCacheMode { get; init; }

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
}
