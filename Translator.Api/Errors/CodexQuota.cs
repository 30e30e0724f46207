using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>
/// Codex's answer when the subscription's usage limit is reached, as CLIProxyAPI passes it on
/// (NOTES.md, "Quotas"): HTTP 429, <c>{"error":{"type":"usage_limit_reached","message":...,
/// "plan_type":"plus","resets_at":&lt;unix s&gt;,"resets_in_seconds":&lt;s&gt;}}</c>, usually without
/// <c>retry-after</c>. The client is told when the limit resets, in words a user reads: the
/// upstream's "The usage limit has been reached" leaves a user wondering for how long.
/// </summary>
internal sealed record CodexQuota(string? Plan, long? ResetsAtUnixSeconds, long? ResetsInSeconds)
{
    public const string Type = "usage_limit_reached";

    /// <summary>The limit as an error inside a stream reports it: by its code alone, with no plan and no reset.</summary>
    public static readonly CodexQuota Unspecified = new(null, null, null);

    /// <summary>The quota answer in an error body, or null when the body is not one.</summary>
    public static CodexQuota? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
                || !(IsQuota(error, "type") || IsQuota(error, "code")))
            {
                return null;
            }

            return new CodexQuota(
                error.TryGetProperty("plan_type", out var plan) && plan.ValueKind == JsonValueKind.String ? plan.GetString() : null,
                Seconds(error, "resets_at"),
                Seconds(error, "resets_in_seconds"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The earlier of the two resets the body gives, if either is still to come.</summary>
    public DateTimeOffset? ResetsAt(DateTimeOffset now)
    {
        DateTimeOffset? at = ResetsAtUnixSeconds is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : null;
        DateTimeOffset? after = ResetsInSeconds is { } seconds ? now.AddSeconds(seconds) : null;
        return UpstreamReset.Earliest(UpstreamReset.Meaningful(at, now), UpstreamReset.Meaningful(after, now));
    }

    /// <summary>What the limit is, without when it resets: also the words of a cooled target's error.</summary>
    public string Headline => Plan is { Length: > 0 } plan ? $"Codex usage limit reached (plan {plan})" : "Codex usage limit reached";

    /// <summary>The error the client gets: Anthropic's rate_limit_error, saying when the limit resets.</summary>
    public ApiError Error(DateTimeOffset? resetsAt, DateTimeOffset now) => ApiError.RateLimit(ResetWording.Message(Headline, resetsAt, now));

    private static bool IsQuota(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(Type);

    private static long? Seconds(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : null;
}
