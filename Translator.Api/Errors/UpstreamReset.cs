using System.Globalization;
using System.Net.Http.Headers;

namespace Translator.Api.Errors;

/// <summary>
/// When a rate-limited upstream says it serves again, from everything it may say it with:
/// <c>retry-after</c> (seconds or an HTTP date), Codex's <c>x-codex-primary-reset-after-seconds</c>
/// and its body's <c>resets_at</c> / <c>resets_in_seconds</c> (<see cref="CodexQuota"/>), and on
/// the Claude route Anthropic's <c>anthropic-ratelimit-*-reset</c> of the limits it reports used up.
/// The earliest meaningful one wins: a reset that turns out early costs one more refused call,
/// one that turns out late would strand a target that serves again.
/// </summary>
internal static class UpstreamReset
{
    /// <summary>A reset further away than this is not believed (the longest Codex window is a week).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(31);

    private const string CodexPrimaryResetHeader = "x-codex-primary-reset-after-seconds";

    /// <summary>Anthropic's rate limits, each reported as <c>anthropic-ratelimit-&lt;limit&gt;-remaining</c> and <c>-reset</c> (RFC 3339).</summary>
    private static readonly string[] AnthropicLimits = ["requests", "tokens", "input-tokens", "output-tokens"];

    public static DateTimeOffset? Of(HttpResponseHeaders headers, CodexQuota? quota, DateTimeOffset now) =>
        Of(name => headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null, quota, now);

    /// <summary>The reset from headers as a list (the Claude route's, as they are relayed).</summary>
    public static DateTimeOffset? Of(IReadOnlyList<KeyValuePair<string, string>> headers, DateTimeOffset now) =>
        Of(name => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.Trim(), quota: null, now);

    /// <param name="header">The first value of a header, or null.</param>
    private static DateTimeOffset? Of(Func<string, string?> header, CodexQuota? quota, DateTimeOffset now)
    {
        var earliest = Earliest(Meaningful(RetryAfter(header("retry-after"), now), now), quota?.ResetsAt(now));
        if (header(CodexPrimaryResetHeader) is { } codex && double.TryParse(codex, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            earliest = Earliest(earliest, Meaningful(now.AddSeconds(Math.Clamp(seconds, -1, MaxAhead.TotalSeconds + 1)), now));
        }

        foreach (var limit in AnthropicLimits)
        {
            // Only a limit used up says when this call can succeed; the others reset on their own schedule.
            if (header($"anthropic-ratelimit-{limit}-remaining") == "0"
                && header($"anthropic-ratelimit-{limit}-reset") is { } reset
                && DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                earliest = Earliest(earliest, Meaningful(at, now));
            }
        }

        return earliest;
    }

    /// <summary><c>retry-after</c>: delay seconds, or an HTTP date (RFC 9110, section 10.2.3).</summary>
    private static DateTimeOffset? RetryAfter(string? value, DateTimeOffset now) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? now.AddSeconds(Math.Min(seconds, (long)MaxAhead.TotalSeconds + 1))
        : DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date
        : null;

    /// <summary>A reset still to come and not absurdly far; else null.</summary>
    public static DateTimeOffset? Meaningful(DateTimeOffset? reset, DateTimeOffset now) =>
        reset is { } at && at > now && at - now <= MaxAhead ? at : null;

    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => a < b ? a : b,
    };

    /// <summary>
    /// A <c>retry-after</c> in whole seconds, at least 1: Claude Code reads seconds (an HTTP date
    /// it does not), and 0 would send it straight back.
    /// </summary>
    public static string RetryAfterSeconds(DateTimeOffset resetsAt, DateTimeOffset now) =>
        Math.Max(1, (long)Math.Ceiling((resetsAt - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
