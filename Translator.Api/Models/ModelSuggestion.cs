namespace Translator.Api.Models;

/// <summary>
/// What the upstream serves that could stand in for a mapped model it does not list: the newest
/// GPT-5 model of the same kind (codex, mini, max, or neither), else the newest GPT-5 model, else
/// none. Model names change often upstream (the gpt-5.1 family is gone from CLIProxyAPI); this
/// turns a start-up warning into a setting to change.
/// </summary>
internal static class ModelSuggestion
{
    private static readonly string[] Kinds = ["codex", "mini", "max", "nano", "spark"];

    public static string? For(string missing, IReadOnlyCollection<string> served)
    {
        var gpt5 = served.Where(m => Upstreams.UpstreamModels.Minor(m) >= 0).ToList();
        var sameKind = gpt5.Where(m => Kinds.All(k => m.Contains(k, StringComparison.OrdinalIgnoreCase) == missing.Contains(k, StringComparison.OrdinalIgnoreCase))).ToList();
        return Newest(sameKind) ?? Newest(gpt5);

        static string? Newest(List<string> models) =>
            models.OrderByDescending(Upstreams.UpstreamModels.Minor).ThenBy(m => m.Length).ThenBy(m => m, StringComparer.Ordinal).FirstOrDefault();
    }
}
