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

    /// <summary>Whether CLIProxyAPI serves the model from Gemini (over its Chat endpoint, which translates for it).</summary>
    public static bool IsGemini(string model) => model.StartsWith("gemini-", StringComparison.Ordinal);

    /// <summary>
    /// What CLIProxyAPI's Chat endpoint does with a Gemini model's <c>reasoning_effort</c>
    /// (internal/thinking/validate.go, its model registry): Gemini 3 takes the thinking levels the
    /// registry lists for it; Gemini 2.5 turns a level into a thinking budget (2.5 Pro cannot switch
    /// thinking off); a model without thinking refuses any. Stricter than CLIProxyAPI, which moves
    /// some other levels to a near one: a translator that sends one has not clamped.
    /// </summary>
    public static string? GeminiEffortRejection(string model, string effort)
    {
        string[]? levels = model switch
        {
            _ when model.StartsWith("gemini-3-pro", StringComparison.Ordinal) => ["low", "high"],
            _ when model.StartsWith("gemini-3-flash", StringComparison.Ordinal) => ["minimal", "low", "medium", "high"],
            _ when model.StartsWith("gemini-2.5-pro", StringComparison.Ordinal) => ["minimal", "low", "medium", "high", "xhigh"],
            _ when model.StartsWith("gemini-2.5-flash", StringComparison.Ordinal) => ["none", "minimal", "low", "medium", "high", "xhigh"],
            _ => null,
        };
        return levels is null ? $"thinking not supported for this model: {model}"
            : levels.Contains(effort) ? null
            : $"level \"{effort}\" not supported, valid levels: {string.Join(", ", levels)}";
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

    /// <summary>
    /// <c>prompt_cache_options</c> and <c>prompt_cache_breakpoint</c>: GPT-5.6 and later only; the
    /// options' mode <c>implicit</c> or <c>explicit</c>, ttl <c>30m</c>, never with
    /// <c>prompt_cache_retention</c>; a breakpoint is <c>{mode: explicit}</c>, only on the input
    /// content part types given, at most four in a request.
    /// </summary>
    public static List<string> CacheRejections(string model, JsonElement body, IReadOnlySet<string> partTypes)
    {
        var rejections = new List<string>();
        var gpt56 = Minor(model) >= 6;
        if (body.TryGetProperty("prompt_cache_options", out var options))
        {
            if (!gpt56)
            {
                rejections.Add($"prompt_cache_options is not supported with {model}");
            }

            if (body.TryGetProperty("prompt_cache_retention", out _))
            {
                rejections.Add("prompt_cache_options and prompt_cache_retention cannot both be set");
            }

            foreach (var property in options.EnumerateObject())
            {
                var valid = property.Name switch
                {
                    "mode" => property.Value.GetString() is "implicit" or "explicit",
                    "ttl" => property.Value.GetString() is "30m",
                    _ => false,
                };
                if (!valid)
                {
                    rejections.Add($"prompt_cache_options.{property.Name}: invalid value {property.Value}");
                }
            }
        }

        var breakpoints = Breakpoints(body);
        foreach (var (path, type, breakpoint) in breakpoints)
        {
            if (type is null || !partTypes.Contains(type))
            {
                rejections.Add($"{path}: prompt_cache_breakpoint is not allowed on '{type}'");
            }

            if (breakpoint.ValueKind != JsonValueKind.Object || !breakpoint.TryGetProperty("mode", out var mode) || mode.GetString() != "explicit"
                || breakpoint.EnumerateObject().Any(p => p.Name != "mode"))
            {
                rejections.Add($"{path}.prompt_cache_breakpoint: must be {{\"mode\": \"explicit\"}} (got {breakpoint})");
            }
        }

        if (breakpoints.Count > 0 && !gpt56)
        {
            rejections.Add($"prompt_cache_breakpoint is not supported with {model}");
        }

        if (breakpoints.Count > 4)
        {
            rejections.Add($"A request can write at most 4 prompt cache breakpoints ({breakpoints.Count} given)");
        }

        return rejections;
    }

    /// <summary>Every <c>prompt_cache_breakpoint</c> in a request body: the JSON path of the part that carries it, the part's type, the breakpoint.</summary>
    public static List<(string Path, string? PartType, JsonElement Breakpoint)> Breakpoints(JsonElement body)
    {
        var found = new List<(string, string?, JsonElement)>();
        Walk(body, string.Empty);
        return found;

        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("prompt_cache_breakpoint", out var breakpoint))
                {
                    found.Add((path.TrimStart('.'), element.TryGetProperty("type", out var type) ? type.GetString() : null, breakpoint));
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name != "prompt_cache_breakpoint")
                    {
                        Walk(property.Value, $"{path}.{property.Name}");
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]");
                }
            }
        }
    }

    /// <summary>The N of a <c>gpt-5.N…</c> model; -1 for any other.</summary>
    private static int Minor(string model) =>
        Gpt5Minor().Match(model) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"^gpt-5\.(\d+)")]
    private static partial Regex Gpt5Minor();
}
