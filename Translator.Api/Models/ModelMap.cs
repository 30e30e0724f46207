using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Upstreams;

namespace Translator.Api.Models;

/// <summary>
/// The model settings in use (<see cref="ModelRules"/>): those the app started with, then each
/// valid change to them while it runs (<see cref="ModelMapReloader"/>), so a route can be switched
/// (to Claude, say) without a restart. A request reads <see cref="Current"/> once and plans with it.
/// </summary>
/// <param name="protocols">Every protocol the translator speaks (registered in <c>AddTranslator</c>).</param>
internal sealed class ModelMap(IOptions<TranslatorOptions> options, IEnumerable<IUpstreamProtocol> protocols)
{
    private readonly IUpstreamProtocol[] _protocols = [.. protocols];
    private volatile ModelRules _current = new(options.Value, protocols);

    public ModelRules Current => _current;

    /// <summary>Puts validated settings in use for every request that starts from now on.</summary>
    public void Apply(TranslatorOptions changed) => _current = new ModelRules(changed, _protocols);
}
