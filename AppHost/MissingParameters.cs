using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// A parameter without a value holds back every resource that uses it, and the dashboard says so
/// only in a banner: the console also says which parameter it is and how to set it.
/// </summary>
internal static partial class MissingParameters
{
    public const string LoggerCategory = "AppHost.Parameters";

    public static IDistributedApplicationBuilder ReportMissingParametersOnTheConsole(this IDistributedApplicationBuilder builder)
    {
        var project = Path.GetRelativePath(Environment.CurrentDirectory, builder.AppHostDirectory);
        builder.Eventing.Subscribe<InitializeResourceEvent>((e, _) =>
        {
            // The orchestrator gives each parameter its state (ValueMissing when configuration has
            // no value and there is no default) before it initializes the resources.
            if (e.Resource is ParameterResource parameter
                && e.Notifications.TryGetCurrentState(parameter.Name, out var current)
                && current.Snapshot.State?.Text == KnownResourceStates.ValueMissing)
            {
                LogMissing(e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory), parameter.Name, HowToSet(parameter.Name, project));
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The command that stores a value where the AppHost reads it, from where the AppHost was started.</summary>
    public static string HowToSet(string parameter, string project) =>
        $"dotnet user-secrets set Parameters:{parameter} <value> --project {(project.Contains(' ', StringComparison.Ordinal) ? $"\"{project}\"" : project)}";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Parameter \"{Parameter}\" is missing: {HowToSet} (or enter it in the dashboard). The resources that use it wait until it is set.")]
    private static partial void LogMissing(ILogger logger, string parameter, string howToSet);
}
