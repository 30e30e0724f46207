using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// Anthropic <c>thinking</c> / <c>output_config.effort</c> to an OpenAI reasoning effort: the level
/// asked for, 1:1, then the nearest level the upstream model takes.
/// </summary>
internal static class ReasoningEffortMap
{
    /// <summary>OpenAI's levels, lowest first.</summary>
    private static readonly string[] Scale = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

    /// <returns>low … max as asked; null to leave the upstream's default.</returns>
    public static string? FromThinking(ThinkingConfig? thinking, OutputConfig? output) => thinking?.Type switch
    {
        // Budgets as CLIProxyAPI reads them (Anthropic's smallest budget is 1,024).
        "enabled" => thinking.BudgetTokens switch
        {
            <= 1024 => "low",
            <= 8192 => "medium",
            <= 24576 => "high",
            _ => "xhigh",
        },
        "adaptive" or "auto" => FromEffort(output?.Effort) ?? "medium",
        "disabled" => null,
        _ => FromEffort(output?.Effort),
    };

    /// <summary>
    /// The level itself where the model takes it; else the nearest it takes below (never down to
    /// <c>none</c> or <c>minimal</c>, which would switch reasoning off), else the nearest above.
    /// </summary>
    public static string? Clamp(string? requested, IReadOnlyCollection<string> accepted)
    {
        var at = Array.IndexOf(Scale, requested);
        if (at < 0 || accepted.Contains(requested!))
        {
            return requested;
        }

        for (var below = at - 1; below >= Array.IndexOf(Scale, "low"); below--)
        {
            if (accepted.Contains(Scale[below]))
            {
                return Scale[below];
            }
        }

        return Scale.Skip(at + 1).FirstOrDefault(accepted.Contains) ?? requested;
    }

    private static string? FromEffort(string? effort) => effort is "low" or "medium" or "high" or "xhigh" or "max" ? effort : null;
}
