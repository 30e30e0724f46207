namespace Translator.Tests.Infrastructure;

/// <summary>
/// What each upstream model accepts (reasoning efforts, message phases), as OpenAI documents them (shared/NOTES.md,
/// "OpenAI: caching, effort, phase"), kept apart from the translator's own table so that the strict
/// upstream catches a wrong one: gpt-5.1 takes none/low/medium/high; xhigh every model after
/// gpt-5.1-codex-max (and it); max gpt-5.6 and later.
/// </summary>
public static class ModelFacts
{
    public static string? Rejection(string model, string effort)
    {
        var gpt51 = model.StartsWith("gpt-5.1", StringComparison.Ordinal);
        var codexMax = model.Contains("codex-max", StringComparison.Ordinal);
        var newer = model.StartsWith("gpt-5.", StringComparison.Ordinal) && !gpt51;
        var gpt56OrLater = newer && double.TryParse(model["gpt-".Length..].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture, out var version) && version >= 5.6;
        return effort switch
        {
            "minimal" when gpt51 => "minimal",
            "xhigh" when !(codexMax || newer) => "xhigh",
            "max" when !gpt56OrLater => "max",
            _ => null,
        };
    }

    /// <summary>Whether the model labels assistant messages with a phase: gpt-5.3-codex and later (shared/NOTES.md).</summary>
    public static bool TakesPhase(string model) =>
        System.Text.RegularExpressions.Regex.Match(model, @"^gpt-5\.(\d+)") is { Success: true } match
        && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var minor
        && (minor >= 4 || (minor == 3 && model.Contains("codex", StringComparison.Ordinal)));

    /// <summary><c>prompt_cache_retention</c>: <c>in_memory</c> or <c>24h</c>; GPT-5.5 takes only <c>24h</c>; GPT-5.6 and later none (prompt_cache_options supersedes it).</summary>
    public static string? RetentionRejection(string model, System.Text.Json.JsonElement body)
    {
        if (!body.TryGetProperty("prompt_cache_retention", out var retention))
        {
            return null;
        }

        var value = retention.GetString();
        var minor = System.Text.RegularExpressions.Regex.Match(model, @"^gpt-5\.(\d+)") is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return minor < 6 && (value is "24h" || (value is "in_memory" && minor < 5)) ? null : $"prompt_cache_retention: '{value}' is not supported with {model}";
    }
}
