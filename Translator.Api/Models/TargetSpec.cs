namespace Translator.Api.Models;

/// <summary>
/// One entry of a route in configuration (<c>Translator:Models:Map|Families|Default</c>): an upstream
/// model name (translated), <c>claude</c> (Claude itself, with the name the client sent: null
/// <see cref="Model"/>) or <c>claude:&lt;name&gt;</c> (Claude itself, with that name).
/// </summary>
internal sealed record TargetSpec(TargetKind Kind, string? Model)
{
    private const string ClaudeWord = "claude";
    private const string ClaudePrefix = ClaudeWord + ":";

    /// <summary>Its form in configuration, which also tells two entries of one list apart.</summary>
    public override string ToString() => Kind == TargetKind.Translated ? Model! : Model is null ? ClaudeWord : ClaudePrefix + Model;

    /// <summary>An ordered, comma-separated list of targets; a single model is a list of one.</summary>
    /// <returns>The targets; or, for a list that is not one, what is wrong with it.</returns>
    public static (IReadOnlyList<TargetSpec>? Targets, string? Problem) ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, "must list its targets: upstream models, 'claude' or 'claude:<name>', comma-separated");
        }

        var targets = new List<TargetSpec>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (Parse(entry) is not { } target)
            {
                return (null, entry.Length == 0
                    ? $"has an empty entry (got '{value}')"
                    : $"has '{entry}', which is neither an upstream model, 'claude' nor 'claude:<name>' (got '{value}')");
            }

            if (targets.Any(t => string.Equals(t.ToString(), target.ToString(), StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"lists '{entry}' twice; a request tries each target once (got '{value}')");
            }

            targets.Add(target);
        }

        return (targets, null);
    }

    /// <summary>One entry, trimmed; null when it is empty or of no known form (a colon other than <c>claude:</c>'s, a space).</summary>
    private static TargetSpec? Parse(string entry)
    {
        if (entry.Equals(ClaudeWord, StringComparison.OrdinalIgnoreCase))
        {
            return new TargetSpec(TargetKind.Claude, null);
        }

        var claude = entry.StartsWith(ClaudePrefix, StringComparison.OrdinalIgnoreCase);
        var name = claude ? entry[ClaudePrefix.Length..] : entry;
        return name.Length == 0 || name.Any(c => c == ':' || char.IsWhiteSpace(c))
            ? null
            : new TargetSpec(claude ? TargetKind.Claude : TargetKind.Translated, name);
    }
}
