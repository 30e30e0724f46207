using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// What each upstream model accepts (reasoning efforts, message phases, cache retention), as OpenAI
/// documents them (shared/NOTES.md, "OpenAI: caching, effort, phase"), kept apart from the
/// translator's own table so that the strict upstream catches a wrong one: gpt-5.1 takes
/// none/low/medium/high; xhigh every model after gpt-5.1-codex-max (and it); max gpt-5.6 and later.
/// </summary>
public static partial class ModelFacts
{
    public static string? Rejection(string model, string effort)
    {
        var minor = Minor(model);
        return effort switch
        {
            "minimal" when minor == 1 => "minimal",
            "xhigh" when !(model.Contains("codex-max", StringComparison.Ordinal) || minor >= 2) => "xhigh",
            "max" when minor < 6 => "max",
            _ => null,
        };
    }

    /// <summary>Whether the model labels assistant messages with a phase: gpt-5.3-codex and later.</summary>
    public static bool TakesPhase(string model) =>
        Minor(model) is var minor && (minor >= 4 || (minor == 3 && model.Contains("codex", StringComparison.Ordinal)));

    /// <summary><c>prompt_cache_retention</c>: <c>in_memory</c> or <c>24h</c>; GPT-5.5 takes only <c>24h</c>; GPT-5.6 and later none (prompt_cache_options supersedes it).</summary>
    public static string? RetentionRejection(string model, JsonElement body)
    {
        if (!body.TryGetProperty("prompt_cache_retention", out var retention))
        {
            return null;
        }

        var value = retention.GetString();
        var minor = Minor(model);
        return minor < 6 && (value is "24h" || (value is "in_memory" && minor < 5)) ? null : $"prompt_cache_retention: '{value}' is not supported with {model}";
    }

    /// <summary>The N of a <c>gpt-5.N…</c> model; -1 for any other.</summary>
    private static int Minor(string model) =>
        Gpt5Minor().Match(model) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"^gpt-5\.(\d+)")]
    private static partial Regex Gpt5Minor();
}
