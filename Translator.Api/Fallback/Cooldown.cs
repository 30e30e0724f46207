namespace Translator.Api.Fallback;

/// <summary>A target resting until <paramref name="Until"/>, after a 429 that named its reset.</summary>
/// <param name="Headline">What the limit was (e.g. <c>Codex usage limit reached (plan plus)</c>), for the error of a request that finds every target resting.</param>
internal readonly record struct Cooldown(DateTimeOffset Until, string Headline);
