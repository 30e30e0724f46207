using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;

namespace Translator.Api.Models;

/// <summary>Resolves the model a client asks for to the upstream model that answers it.</summary>
internal sealed class ModelMap
{
    // Upstream names that are reasoning models: they reject sampling parameters and `stop`,
    // and they are the ones that take `reasoning_effort`.
    private static readonly string[] ReasoningModelPrefixes = ["gpt-5", "o1", "o3", "o4", "codex"];

    private readonly FrozenDictionary<string, string> _exact;
    private readonly KeyValuePair<string, string>[] _families;
    private readonly string _default;
    private readonly UpstreamProtocol _protocol;
    private readonly KeyValuePair<string, UpstreamProtocol>[] _protocolByModel;

    public ModelMap(IOptions<TranslatorOptions> options)
    {
        var models = options.Value.Models;
        _exact = models.Map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _families = [.. models.Families];
        _default = models.Default;
        UpstreamProtocols.TryParse(options.Value.Upstream.Protocol, out _protocol);
        _protocolByModel = [.. options.Value.Upstream.ProtocolByModel.Select(rule =>
            KeyValuePair.Create(rule.Key, UpstreamProtocols.TryParse(rule.Value, out var protocol) ? protocol : _protocol))];
    }

    /// <summary>The protocol an upstream model is called with: the first rule its name matches, else the default.</summary>
    public UpstreamProtocol ProtocolFor(string upstreamModel)
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

    /// <summary>Every upstream model a Claude name can resolve to.</summary>
    public IEnumerable<string> Targets => _exact.Values.Concat(_families.Select(f => f.Value)).Append(_default).Distinct(StringComparer.Ordinal);

    public string Resolve(string requested)
    {
        if (_exact.TryGetValue(requested, out var exact))
        {
            return exact;
        }

        if (!IsClaudeName(requested))
        {
            return requested;
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

    public bool IsClaudeName(string model) =>
        model.StartsWith("claude", StringComparison.OrdinalIgnoreCase)
        || _families.Any(f => model.Contains(f.Key, StringComparison.OrdinalIgnoreCase));
}
