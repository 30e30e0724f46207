using Microsoft.Extensions.Options;

namespace Translator.Api.Configuration;

/// <summary>
/// Refuses keys under <c>Translator</c> that no options class declares (<see cref="TranslatorOptions.Keys"/>):
/// the binder ignores them, so a misspelled setting would silently keep its default. Each is named
/// with the declared key nearest to it, or with the keys its section takes.
/// </summary>
internal sealed class UnknownSettingsValidator(IConfiguration configuration) : IValidateOptions<TranslatorOptions>
{
    public ValidateOptionsResult Validate(string? name, TranslatorOptions options)
    {
        var failures = new List<string>();
        Check(configuration.GetSection(TranslatorOptions.SectionName), TranslatorOptions.Keys, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(IConfigurationSection section, IReadOnlyList<SettingKey> keys, List<string> failures)
    {
        foreach (var child in section.GetChildren())
        {
            var key = keys.FirstOrDefault(k => string.Equals(k.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            switch (key?.Shape)
            {
                case null:
                    failures.AddRange(Paths(child).Select(path => Unknown(path, section.Path, keys)));
                    break;
                case SettingShape.Section:
                    Check(child, key.Keys, failures);
                    break;
                case SettingShape.Map or SettingShape.List:
                    // The binder ignores a single value here: Translator__Auth__ApiKeys=key would leave no key at all.
                    if (!string.IsNullOrEmpty(child.Value))
                    {
                        failures.Add(key.Shape == SettingShape.List
                            ? $"{child.Path} is a list: set {child.Path}:0, {child.Path}:1 and so on, not {child.Path} itself."
                            : $"{child.Path} is a map: set {child.Path}:<name>, not {child.Path} itself.");
                    }

                    // The entries' names are the user's (model names, list indexes); each entry is a value.
                    failures.AddRange(child.GetChildren().SelectMany(entry => entry.GetChildren()).SelectMany(Paths).Select(path => Unknown(path, section.Path, keys)));
                    break;
                case SettingShape.Value:
                    failures.AddRange(child.GetChildren().SelectMany(Paths).Select(path => Unknown(path, section.Path, keys)));
                    break;
            }
        }
    }

    /// <summary>The keys set under an unknown one (or the key itself), each to be named on its own.</summary>
    private static IEnumerable<string> Paths(IConfigurationSection section)
    {
        var set = section.AsEnumerable().Where(p => p.Value is not null).Select(p => p.Key).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return set.Count > 0 ? set : [section.Path];
    }

    private static string Unknown(string path, string sectionPath, IReadOnlyList<SettingKey> sectionKeys) =>
        Nearest(path) is { } suggestion
            ? $"Unknown setting {path}; did you mean {suggestion}?"
            : $"Unknown setting {path}; {sectionPath} takes {string.Join(", ", sectionKeys.Select(k => k.Name))}.";

    /// <summary>
    /// The declared key a path most likely meant: each of its names as declared, or else the declared
    /// name nearest to it by edit distance; null when one is far from every declared name.
    /// </summary>
    private static string? Nearest(string path)
    {
        var names = path.Split(ConfigurationPath.KeyDelimiter);
        var corrected = new List<string> { TranslatorOptions.SectionName };
        var keys = TranslatorOptions.Keys;
        for (var i = 1; i < names.Length; i++)
        {
            var key = keys.MinBy(k => EditDistance(k.Name, names[i]));
            if (key is null || EditDistance(key.Name, names[i]) > Math.Max(1, names[i].Length / 3))
            {
                return null;
            }

            corrected.Add(key.Name);
            var rest = names.Length - 1 - i;
            switch (key.Shape)
            {
                case SettingShape.Value when rest == 0:
                    return string.Join(ConfigurationPath.KeyDelimiter, corrected);
                case SettingShape.Map or SettingShape.List when rest == 1:
                    return string.Join(ConfigurationPath.KeyDelimiter, [.. corrected, names[^1]]);
                case SettingShape.Section:
                    keys = key.Keys;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Levenshtein distance, ignoring case as configuration keys do.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
