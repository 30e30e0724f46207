using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>Anthropic <c>thinking</c> / <c>output_config.effort</c> to an OpenAI reasoning effort.</summary>
internal static class ReasoningEffortMap
{
    /// <returns>low, medium or high; null to leave the upstream's default.</returns>
    public static string? FromThinking(ThinkingConfig? thinking, OutputConfig? output)
    {
        return thinking?.Type switch
        {
            "enabled" => thinking.BudgetTokens switch
            {
                <= 1024 => "low",
                <= 8192 => "medium",
                _ => "high",
            },
            "adaptive" or "auto" => FromEffort(output?.Effort) ?? "medium",
            "disabled" => null,
            _ => FromEffort(output?.Effort),
        };
    }

    // xhigh and max are clamped to high: gpt-5.1 and most Codex models reject xhigh.
    private static string? FromEffort(string? effort) => effort switch
    {
        "low" => "low",
        "medium" => "medium",
        "high" or "xhigh" or "max" => "high",
        _ => null,
    };
}
