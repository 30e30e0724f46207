namespace Translator.Api.Configuration;

/// <summary><c>Translator:Limits</c>: what a single request may cost the translator.</summary>
public sealed class LimitsOptions
{
    /// <summary>Larger request bodies get 413 request_too_large. Anthropic's own limit is 32 MB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// The longest line an upstream stream may send; past it the stream ends with <c>event: error</c>.
    /// One line is one event, and the largest is Responses' <c>response.completed</c>, which repeats
    /// the whole answer: 16 MB leaves room for any answer and bounds what one stream can hold.
    /// </summary>
    public int MaxSseLineBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The largest complete (non-streamed) answer read from the upstream; past it the client gets
    /// 502. A GPT-5 answer with its encrypted reasoning is far smaller; the bound is for a broken upstream.
    /// </summary>
    public int MaxUpstreamResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(MaxRequestBodyBytes)),
        SettingKey.Value(nameof(MaxSseLineBytes)),
        SettingKey.Value(nameof(MaxUpstreamResponseBytes)),
    ];
}
