namespace Translator.Api.Configuration;

/// <summary><c>Translator:Limits</c>: what a single request may cost the translator.</summary>
public sealed class LimitsOptions
{
    /// <summary>Larger request bodies get 413 request_too_large. Anthropic's own limit is 32 MB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// The longest line an upstream stream may send; past it the stream ends with <c>event: error</c>.
    /// One line is one event, and the largest is Responses' <c>response.completed</c>, which repeats
    /// the whole answer. The longest recorded line is 5 KB; GPT-5's longest answer, 128,000 output
    /// tokens, is under 4 MB even with every character escaped and the instructions and tools echoed.
    /// A line costs about six times its size while it is translated (it was 16 MiB: ~100 MB a line).
    /// </summary>
    public int MaxSseLineBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// The largest complete (non-streamed) answer read from the upstream; past it the client gets
    /// 502. The same answer as the stream's <c>response.completed</c> line, so the same bound (it
    /// was 64 MiB: a broken answer of that size took the process to ~450 MB).
    /// </summary>
    public int MaxUpstreamResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The keys this class binds, for the start-up check of unknown settings.</summary>
    internal static readonly IReadOnlyList<SettingKey> Keys =
    [
        SettingKey.Value(nameof(MaxRequestBodyBytes)),
        SettingKey.Value(nameof(MaxSseLineBytes)),
        SettingKey.Value(nameof(MaxUpstreamResponseBytes)),
    ];
}
