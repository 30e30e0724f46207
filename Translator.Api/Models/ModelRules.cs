using System.Collections.Frozen;
using Translator.Api.Configuration;
using Translator.Api.Upstreams;

namespace Translator.Api.Models;

/// <summary>
/// One version of the model settings (<c>Translator:Models</c>, the upstream's protocols): routes
/// the model a client asks for to the targets that answer it, in the order to try them (upstream
/// models, translated; Claude itself), and says how each upstream model is called. Immutable:
/// <see cref="ModelMap"/> swaps in a new one when the settings change.
/// </summary>
internal sealed class ModelRules
{
    private readonly FrozenDictionary<string, IReadOnlyList<TargetSpec>> _exact;
    private readonly KeyValuePair<string, IReadOnlyList<TargetSpec>>[] _families;
    private readonly IReadOnlyList<TargetSpec> _default;
    private readonly IUpstreamProtocol _protocol;
    private readonly IUpstreamProtocol? _responses;
    private readonly KeyValuePair<string, IUpstreamProtocol>[] _protocolByModel;
    private readonly FrozenDictionary<string, long> _contextWindows;
    private readonly long _contextWindow;
    private readonly FrozenDictionary<string, long> _outputLimits;
    private readonly long _outputLimit;
    private readonly KeyValuePair<string, string[]>[] _efforts;
    private readonly string[] _defaultEfforts;

    /// <param name="protocols">Every protocol the translator speaks (registered in <c>AddTranslator</c>).</param>
    public ModelRules(TranslatorOptions options, IEnumerable<IUpstreamProtocol> protocols)
    {
        var models = options.Models;
        // The validator has checked every list (RouteSettingsValidator).
        _exact = models.Map.ToFrozenDictionary(m => m.Key, m => Parse(m.Value), StringComparer.OrdinalIgnoreCase);
        _families = [.. models.Families.Select(f => KeyValuePair.Create(f.Key, Parse(f.Value)))];
        _default = Parse(models.Default);
        _contextWindows = models.ContextWindows.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _contextWindow = models.ContextWindow;
        _outputLimits = models.OutputLimits.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _outputLimit = models.OutputLimit;
        _efforts = [.. models.Efforts.Select(e => KeyValuePair.Create(e.Key, Levels(e.Value))).OrderByDescending(e => e.Key.Length)];
        _defaultEfforts = Levels(models.DefaultEfforts);

        // The validator has checked every name; an unknown one here is a protocol left out of the registration.
        var byName = protocols.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _protocol = byName[options.Upstream.Protocol];
        _responses = options.Upstream.ResponsesAvailable ? byName[UpstreamOptions.ResponsesProtocolName] : null;
        _protocolByModel = [.. options.Upstream.ProtocolByModel.Select(rule => KeyValuePair.Create(rule.Key, byName[rule.Value]))];
        Advertised = models.Advertised;
    }

    /// <summary>The Claude names <c>GET /v1/models</c> lists besides the exact names of the map (Translator:Models:Advertised); null for the current Claude models.</summary>
    public IReadOnlyList<string>? Advertised { get; }

    /// <summary>The exact names the map routes (Translator:Models:Map).</summary>
    public IEnumerable<string> ExactNames => _exact.Keys;

    /// <summary>
    /// The protocol a request is sent in: the Responses API when it needs a feature only that
    /// protocol has (null if the upstream has no <c>/responses</c>), else the protocol of its model.
    /// </summary>
    public IUpstreamProtocol? ProtocolFor(string upstreamModel, bool needsResponses) => needsResponses ? _responses : ProtocolFor(upstreamModel);

    /// <summary>The protocol an upstream model is called with: the first rule its name matches, else the default.</summary>
    public IUpstreamProtocol ProtocolFor(string upstreamModel)
    {
        foreach (var (pattern, protocol) in _protocolByModel)
        {
            if (upstreamModel.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return protocol;
            }
        }

        return _protocol;
    }

    /// <summary>The input tokens an upstream model takes (Translator:Models:ContextWindow[s]).</summary>
    public long ContextWindowFor(string upstreamModel) => _contextWindows.GetValueOrDefault(upstreamModel, _contextWindow);

    /// <summary>The most output tokens an upstream model writes (Translator:Models:OutputLimit[s]).</summary>
    public long OutputLimitFor(string upstreamModel) => _outputLimits.GetValueOrDefault(upstreamModel, _outputLimit);

    /// <summary>
    /// The reasoning efforts an upstream model takes: the longest matching prefix of
    /// <c>Translator:Models:Efforts</c>; else a reasoning model's defaults; else none (a model that
    /// is not GPT-5's kind is not sent an effort it would refuse).
    /// </summary>
    public IReadOnlyCollection<string> EffortsFor(string upstreamModel) =>
        _efforts.FirstOrDefault(e => upstreamModel.StartsWith(e.Key, StringComparison.OrdinalIgnoreCase)).Value
        ?? (UpstreamModels.IsReasoningModel(upstreamModel) ? _defaultEfforts : []);

    /// <summary>Every upstream model a Claude name can be translated for (Claude targets are the upstream's Claude provider's).</summary>
    public IEnumerable<string> Targets =>
        _exact.Values.Concat(_families.Select(f => f.Value)).Append(_default)
            .SelectMany(route => route).Where(t => t.Kind == TargetKind.Translated).Select(t => t.Model!).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The targets that answer a model, in the order to try them: an exact name's, else a Claude
    /// name's family's, else the default; a name that is not a Claude name goes to that model.
    /// </summary>
    public IReadOnlyList<TargetSpec> Route(string requested)
    {
        if (_exact.TryGetValue(requested, out var exact))
        {
            return exact;
        }

        if (!IsClaudeName(requested))
        {
            return [new TargetSpec(TargetKind.Translated, requested)];
        }

        foreach (var (family, target) in _families)
        {
            if (requested.Contains(family, StringComparison.OrdinalIgnoreCase))
            {
                return target;
            }
        }

        return _default;
    }

    private static IReadOnlyList<TargetSpec> Parse(string list) =>
        TargetSpec.ParseList(list) is { Targets: { } targets } ? targets : throw new ArgumentException($"Not a list of targets: '{list}'", nameof(list));

    private static string[] Levels(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsClaudeName(string model) =>
        model.StartsWith("claude", StringComparison.OrdinalIgnoreCase)
        || _families.Any(f => model.Contains(f.Key, StringComparison.OrdinalIgnoreCase));
}
