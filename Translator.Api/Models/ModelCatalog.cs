using System.Globalization;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;

namespace Translator.Api.Models;

/// <summary>The Claude models the translator answers for, as <c>GET /v1/models</c> lists them.</summary>
internal sealed class ModelCatalog
{
    private static readonly string[] CurrentClaudeModels = ["claude-opus-5-5", "claude-sonnet-4-5", "claude-haiku-4-5"];

    // Claude's own limits and efforts (its current models: a 200,000-token window, up to 64,000
    // output tokens), for a route that ends with Claude itself.
    private const long ClaudeContextWindow = 200_000;
    private const long ClaudeOutputLimit = 64_000;
    private static readonly string[] ClaudeEfforts = ["low", "medium", "high"];

    // The model lines the API names in a model's `line` field.
    private static readonly string[] Lines = ["opus", "sonnet", "haiku", "fable", "mythos"];

    // The translator cannot know when Anthropic released a model; a fixed date keeps answers stable.
    private static readonly DateTimeOffset Listed = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ModelMap _map;
    private readonly bool _webSearch;

    public ModelCatalog(IOptions<TranslatorOptions> options, ModelMap map)
    {
        _map = map;
        _webSearch = options.Value.Upstream.ResponsesAvailable;
    }

    /// <summary>The models as the settings in use route them (they can change while the app runs).</summary>
    public IReadOnlyList<ModelInfo> Models
    {
        get
        {
            var rules = _map.Current;
            var ids = (rules.Advertised ?? CurrentClaudeModels).Concat(rules.ExactNames.Where(rules.IsClaudeName));
            return [.. ids.Distinct(StringComparer.OrdinalIgnoreCase).Select(id => Info(id, rules))];
        }
    }

    public ModelInfo? Find(string id) => Models.FirstOrDefault(m => m.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A model as its route serves it: limits every target of the route keeps (a call that falls
    /// through to the next target still fits), what its first translated target takes; a route of
    /// Claude targets alone is Claude's own.
    /// </summary>
    private ModelInfo Info(string id, ModelRules rules)
    {
        var route = rules.Route(id);
        var translated = route.Where(t => t.Kind == TargetKind.Translated).Select(t => t.Model!).ToList();
        var claude = route.Any(t => t.Kind == TargetKind.Claude);
        var window = translated.Select(rules.ContextWindowFor).Concat(claude ? [ClaudeContextWindow] : []).Min();
        var output = translated.Select(rules.OutputLimitFor).Concat(claude ? [ClaudeOutputLimit] : []).Min();
        var capabilities = translated.Count > 0 ? Capabilities(rules.EffortsFor(translated[0]), _webSearch) : Capabilities(ClaudeEfforts, webSearch: true);
        return new ModelInfo(id, DisplayName(id), Listed, Line(id), window, output, capabilities);
    }

    /// <summary>What the translator serves for a model: the efforts its upstream model takes, web search where /responses is there.</summary>
    private static ModelCapabilities Capabilities(IReadOnlyCollection<string> efforts, bool webSearch)
    {
        Capability Takes(string effort) => efforts.Contains(effort) ? Capability.Yes : Capability.No;
        return new ModelCapabilities(
            Batch: Capability.No,
            Citations: Capability.No,
            CodeExecution: Capability.No,
            ContextManagement: new ContextManagementCapability(true, ClearThinking: Capability.Yes, ClearToolUses: Capability.Yes, Compact: Capability.No),
            Effort: new EffortCapability(efforts.Count > 0, Takes("low"), Takes("medium"), Takes("high"), Takes("xhigh"), Takes("max")),
            ImageInput: Capability.Yes,
            PdfInput: Capability.Yes,
            ServerTools: new ServerToolsCapability(webSearch, CodeExecution: Capability.No, WebSearch: webSearch ? Capability.Yes : Capability.No),
            StructuredOutputs: Capability.No,
            Thinking: new ThinkingCapability(true, new ThinkingTypes(Adaptive: Capability.Yes, BetweenTools: Capability.No, Disabled: Capability.Yes, Enabled: Capability.Yes)));
    }

    private static string? Line(string id) => Array.Find(Lines, line => id.Contains(line, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>claude-opus-5-5</c> → <c>Claude Opus 5.5</c>; a trailing date is left out.</summary>
    private static string DisplayName(string id)
    {
        var words = new List<string>();
        var version = new List<string>();
        foreach (var part in id.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.All(char.IsAsciiDigit))
            {
                if (part.Length < 8)
                {
                    version.Add(part);
                }

                continue;
            }

            if (version.Count > 0)
            {
                words.Add(string.Join('.', version));
                version.Clear();
            }

            words.Add(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(part));
        }

        if (version.Count > 0)
        {
            words.Add(string.Join('.', version));
        }

        return string.Join(' ', words);
    }
}
