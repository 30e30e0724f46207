using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Translator.Tests.Infrastructure;

/// <summary>Settings a test changes while the app runs, reloaded as an edited appsettings.json is.</summary>
public sealed class ReloadableSettings : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>
    /// Changes one setting and signals the change, as a file watcher does. IOptionsMonitor refuses
    /// an invalid change by throwing from its listener; a file watcher signals on a task of its own,
    /// where that goes nowhere, and so does this.
    /// </summary>
    public void Change(string key, string? value)
    {
        Data[key] = value;
        try
        {
            OnReload();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException))
        {
        }
    }
}
