namespace Translator.Tests.Infrastructure;

/// <summary>
/// Which reasoning efforts each upstream model accepts, as OpenAI documents them (shared/NOTES.md,
/// "OpenAI: caching, effort, phase"), kept apart from the translator's own table so that the strict
/// upstream catches a wrong one: gpt-5.1 takes none/low/medium/high; xhigh every model after
/// gpt-5.1-codex-max (and it); max gpt-5.6 and later.
/// </summary>
public static class ModelEfforts
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
}
