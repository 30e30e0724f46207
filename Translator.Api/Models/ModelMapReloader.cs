using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Translator.Api.Configuration;

namespace Translator.Api.Models;

/// <summary>
/// Applies a change of the settings to <see cref="ModelMap"/> while the app runs (an edited
/// appsettings.json, any reloading configuration source): read and validated as at start-up
/// (<see cref="RouteSettingsValidator"/> and the others), then put in use; a change that does not
/// validate is refused with an error naming its key, and the routes in use stay.
/// </summary>
internal sealed partial class ModelMapReloader(
    ModelMap map,
    IOptionsFactory<TranslatorOptions> factory,
    IEnumerable<IOptionsChangeTokenSource<TranslatorOptions>> sources,
    ILogger<ModelMapReloader> logger) : IHostedService, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The same change tokens IOptionsMonitor listens to: those of the bound configuration.
        foreach (var source in sources)
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscriptions.ForEach(s => s.Dispose());
        _subscriptions.Clear();
    }

    private void Reload()
    {
        TranslatorOptions changed;
        try
        {
            changed = factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException e)
        {
            Log.ChangeRefused(logger, string.Join(" ", e.Failures));
            return;
        }

        map.Apply(changed);
        Log.Reloaded(logger, changed.Models.Default, string.Join(", ", changed.Models.Families.Select(f => $"{f.Key}={f.Value}")), changed.Models.Map.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Error, "The configuration changed, and the change is refused; the model routes in use stay: {Failures}")]
        public static partial void ChangeRefused(ILogger logger, string failures);

        [LoggerMessage(101, LogLevel.Information, "The configuration changed: the model routes in use are reloaded (Default={Default}; Families {Families}; {ExactNames} exact names)")]
        public static partial void Reloaded(ILogger logger, string @default, string families, int exactNames);
    }
}
