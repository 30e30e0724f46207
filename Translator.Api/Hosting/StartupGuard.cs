using Microsoft.Extensions.Logging.Console;

namespace Translator.Api.Hosting;

/// <summary>
/// Runs the app so that a start it cannot make (a wrong setting, a port in use) ends with one line
/// per cause on stderr and in the log, and exit code 1, instead of an unhandled exception and its
/// stack. The host logs a failed start with the whole stack before it rethrows, so while the guard
/// starts the app that record is held back; a failure the guard cannot describe it logs itself.
/// </summary>
internal static partial class StartupGuard
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static WebApplicationBuilder AddStartupGuard(this WebApplicationBuilder builder)
    {
        var start = new GuardedStart();
        builder.Services.AddSingleton(start);

        // This rule takes the place of the configured level for the host's category, which logs
        // nothing but its failures above Debug.
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && !(start.InProgress && level == LogLevel.Error));

        // The guard writes each cause to stderr as a plain line; the console would print it a second time.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(StartupGuard).FullName, LogLevel.None);
        return builder;
    }

    public static async Task RunGuardedAsync(this WebApplication app)
    {
        await using (app)
        {
            var start = app.Services.GetRequiredService<GuardedStart>();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupGuard).FullName!);
            start.InProgress = true;
            try
            {
                await app.StartAsync();
            }
            catch (Exception e)
            {
                start.InProgress = false;
                if (StartupFailure.Describe(e, app.Configuration) is not { } causes)
                {
                    Log.StartFailed(logger, e);
                    throw;
                }

                foreach (var cause in causes)
                {
                    Log.CannotStart(logger, cause);
                    await Console.Error.WriteLineAsync(cause);
                }

                Environment.ExitCode = 1;
                return;
            }

            start.InProgress = false;
            await app.WaitForShutdownAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(26, LogLevel.Critical, "{Cause}")]
        public static partial void CannotStart(ILogger logger, string cause);

        [LoggerMessage(27, LogLevel.Critical, "Translator.Api failed to start.")]
        public static partial void StartFailed(ILogger logger, Exception exception);
    }
}
