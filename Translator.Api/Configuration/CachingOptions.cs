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

    /// <summary>
    /// The client's <c>cache_control</c> marks as GPT-5.6's explicit prompt-cache breakpoints, with
    /// <c>prompt_cache_options</c> in this mode: <c>explicit</c> (only the marked prefixes are
    /// cached, as with Anthropic) or <c>implicit</c> (OpenAI's own breakpoint at the newest message
    /// as well). Off (unset) by default: CLIProxyAPI's Codex path strips them, and models before
    /// GPT-5.6 reject them, so they are sent only to GPT-5.6 and later.
    /// </summary>
    public string? Breakpoints { get; set; }

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(Retention)),
        SettingKey.Value(nameof(Breakpoints)),
    ];
}
