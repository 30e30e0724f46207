using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Translator.Tests.Architecture;

namespace Translator.Tests.Configuration;

/// <summary>
/// A configuration recipe of the README, in its two written forms: a fenced <c>json</c> block (an
/// appsettings fragment) right after <c>&lt;!-- recipe: NAME --&gt;</c>, and a fenced <c>sh</c> block of
/// <c>export KEY=VALUE</c> lines right after <c>&lt;!-- recipe-env: NAME --&gt;</c>; each read the way the
/// translator reads it (the JSON by the JSON configuration provider, each variable's <c>__</c> as <c>:</c>,
/// as the environment variables provider does).
/// </summary>
internal sealed partial record ReadmeRecipe(string Name, string Json, IReadOnlyDictionary<string, string?> Settings, IReadOnlyDictionary<string, string?> EnvironmentSettings)
{
    /// <summary>The recipes of the repository's README.md, by name.</summary>
    public static IReadOnlyDictionary<string, ReadmeRecipe> FromReadme() => Parse(File.ReadAllLines(Path.Combine(LayoutTests.RepositoryRoot(), "README.md")));

    public static IReadOnlyDictionary<string, ReadmeRecipe> Parse(IReadOnlyList<string> lines)
    {
        var json = Blocks(lines, RecipeMarker(), "```json");
        var env = Blocks(lines, EnvironmentMarker(), "```sh");
        return json.ToDictionary(
            recipe => recipe.Key,
            recipe => new ReadmeRecipe(
                recipe.Key,
                recipe.Value,
                SettingsOfJson(recipe.Value),
                env.TryGetValue(recipe.Key, out var exports) ? SettingsOfExports(exports) : throw new InvalidDataException($"README.md has no <!-- recipe-env: {recipe.Key} --> block.")));
    }

    /// <summary>The body of the fenced block that opens on the line right after each marker, by the marker's name.</summary>
    private static Dictionary<string, string> Blocks(IReadOnlyList<string> lines, Regex marker, string fence)
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (marker.Match(lines[i].Trim()) is not { Success: true } match)
            {
                continue;
            }

            var name = match.Groups["name"].Value;
            if (i + 1 >= lines.Count || lines[i + 1].Trim() != fence)
            {
                throw new InvalidDataException($"README.md line {i + 1}: {lines[i].Trim()} must be followed at once by a {fence} block.");
            }

            var body = new StringBuilder();
            for (i += 2; i < lines.Count && lines[i].Trim() != "```"; i++)
            {
                body.AppendLine(lines[i]);
            }

            if (!blocks.TryAdd(name, body.ToString()))
            {
                throw new InvalidDataException($"README.md has two blocks for {name}.");
            }
        }

        return blocks;
    }

    private static Dictionary<string, string?> SettingsOfJson(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return configuration.AsEnumerable().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary><c>export Translator__Models__Default=gpt-5.5,claude</c> lines (a value may be quoted); blank lines and <c>#</c> comments aside.</summary>
    private static Dictionary<string, string?> SettingsOfExports(string exports)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in exports.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (Export().Match(line) is not { Success: true } match)
            {
                throw new InvalidDataException($"README.md: '{line}' is not an export KEY=VALUE line.");
            }

            var value = match.Groups["value"].Value;
            settings[match.Groups["key"].Value.Replace("__", ":", StringComparison.Ordinal)] = value.Length >= 2 && value[0] is '\'' or '"' && value[^1] == value[0] ? value[1..^1] : value;
        }

        return settings;
    }

    [GeneratedRegex(@"^<!-- recipe: (?<name>[a-z0-9-]+) -->$")]
    private static partial Regex RecipeMarker();

    [GeneratedRegex(@"^<!-- recipe-env: (?<name>[a-z0-9-]+) -->$")]
    private static partial Regex EnvironmentMarker();

    [GeneratedRegex(@"^export (?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)$")]
    private static partial Regex Export();
}
