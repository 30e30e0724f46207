using Microsoft.Extensions.Options;
using Translator.Api.Configuration;

namespace Translator.Api.Models;

/// <summary>
/// Checks every route of <c>Translator:Models</c> (<c>Map:&lt;name&gt;</c>, <c>Families:&lt;word&gt;</c>,
/// <c>Default</c>) is a list of targets (<see cref="TargetSpec"/>), naming the key of one that is not:
/// at start-up, and for a change while the app runs (<see cref="ModelMap"/> keeps its routes then).
/// </summary>
internal sealed class RouteSettingsValidator : IValidateOptions<TranslatorOptions>
{
    public ValidateOptionsResult Validate(string? name, TranslatorOptions options)
    {
        var failures = Routes(options.Models)
            .Select(route => (route.Key, TargetSpec.ParseList(route.Value).Problem))
            .Where(route => route.Problem is not null)
            .Select(route => $"{route.Key} {route.Problem}.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Each route by its full configuration key.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Routes(ModelOptions models) =>
        models.Map.Select(m => KeyValuePair.Create($"Translator:Models:Map:{m.Key}", m.Value))
            .Concat(models.Families.Select(f => KeyValuePair.Create($"Translator:Models:Families:{f.Key}", f.Value)))
            .Append(KeyValuePair.Create("Translator:Models:Default", models.Default));
}
