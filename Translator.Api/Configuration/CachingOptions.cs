namespace Translator.Api.Configuration;

/// <summary><c>Translator:Caching</c>: what the upstream's prompt cache is asked for beyond the per-conversation key.</summary>
public sealed class CachingOptions
{
    /// <summary>
    /// <c>prompt_cache_retention</c> on every request: <c>in_memory</c> or <c>24h</c> (GPT-5.5 takes
    /// only <c>24h</c>, and gets it whichever is set; GPT-5.6 and later none, their
    /// <c>prompt_cache_options</c> superseding it). Off by default: CLIProxyAPI's
    /// Codex path strips or rejects it; set it for an upstream that takes it. Empty is unset.
    /// </summary>
    public string? Retention { get; set; }
}
