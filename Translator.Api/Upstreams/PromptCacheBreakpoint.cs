namespace Translator.Api.Upstreams;

/// <summary><c>prompt_cache_breakpoint</c> on a content part: the cached prefix ends exactly after this part.</summary>
internal sealed record PromptCacheBreakpoint
{
    public static PromptCacheBreakpoint Explicit { get; } = new();

    public string Mode { get; } = "explicit";
}
