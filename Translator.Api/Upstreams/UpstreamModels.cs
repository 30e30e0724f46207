namespace Translator.Api.Upstreams;

/// <summary>What the translator knows of upstream models by their names.</summary>
internal static class UpstreamModels
{
    // Reasoning models reject sampling parameters and `stop`, and they are the ones that take a
    // reasoning effort.
    private static readonly string[] ReasoningModelPrefixes = ["gpt-5", "o1", "o3", "o4", "codex"];

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
