namespace Translator.Api.Upstreams;

/// <summary>What the translator knows of upstream models by their names.</summary>
internal static class UpstreamModels
{
    // Reasoning models reject sampling parameters and `stop`, and they are the ones that take a
    // reasoning effort.
    private static readonly string[] ReasoningModelPrefixes = ["gpt-5", "o1", "o3", "o4", "codex"];

    /// <summary>
    /// Models that label their assistant messages with a <c>phase</c> (<c>commentary</c>, a
    /// preamble; <c>final_answer</c>) and need it back on every replayed message: gpt-5.3-codex and
    /// every model after it.
    /// </summary>
    public static bool TakesPhase(string upstreamModel) =>
        Minor(upstreamModel) is var minor && (minor >= 4 || (minor == 3 && upstreamModel.Contains("codex", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The N of a <c>gpt-5.N…</c> model; -1 for any other.</summary>
    public static int Minor(string upstreamModel)
    {
        if (!upstreamModel.StartsWith("gpt-5.", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        var digits = upstreamModel.AsSpan(6);
        var length = 0;
        while (length < digits.Length && length < 3 && char.IsAsciiDigit(digits[length]))
        {
            length++;
        }

        return length > 0 ? int.Parse(digits[..length], System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    public static bool IsReasoningModel(string upstreamModel)
    {
        foreach (var prefix in ReasoningModelPrefixes)
        {
            if (upstreamModel.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
