using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

/// <summary>
/// The Codex login CLIProxyAPI serves with (run mode): a health check that says whether one
/// exists, the dashboard's "Log in to Codex" command that makes one, and how to log in, in the
/// resource's details and logs.
/// </summary>
internal static partial class CodexLogin
{
    /// <summary>Highlighted: an icon button on the resource's row, shown while there is no login.</summary>
    public const string CommandName = "codex-login";

    /// <summary>The same login in the resource's menu once one exists: another account, or a revoked one renewed.</summary>
    public const string AgainCommandName = "codex-login-again";

    public const string DisplayName = "Log in to Codex";

    /// <summary>Short: the resource list shows a health check's description in one narrow cell.</summary>
    public const string NoLoginDescription = "No Codex login: press Log in to Codex";

    public const string HelpProperty = "cliproxyapi.codex-login";

    public static IResourceBuilder<ExecutableResource> WithCodexLogin(
        this IResourceBuilder<ExecutableResource> cliproxy, CliProxyApiSetup setup, ParameterResource apiKey)
    {
        var check = $"{cliproxy.Resource.Name}-codex-login";
        cliproxy.ApplicationBuilder.Services.AddHealthChecks().AddCheck(check, () => setup.HasCodexLogin()
            ? HealthCheckResult.Healthy("A Codex login exists.")
            : HealthCheckResult.Unhealthy(NoLoginDescription));

        // A command's highlight is fixed when it is declared, so the login is two commands of
        // which the dashboard shows one: highlighted while there is no login, in the menu after.
        // Both are in the resource's "..." menu under their name; the row's button is an icon only.
        Task<ExecuteCommandResult> LogIn(ExecuteCommandContext context) => LogInAsync(context, setup, apiKey);
        cliproxy
            .WithHealthCheck(check)
            .WithCommand(CommandName, DisplayName, LogIn, new CommandOptions
            {
                Description = "Log in to Codex: runs CLIProxyAPI's device login; the link and code to enter appear in this resource's console logs.",
                IconName = "PersonKey",
                IsHighlighted = true,
                UpdateState = _ => setup.HasCodexLogin() ? ResourceCommandState.Hidden : ResourceCommandState.Enabled,
            })
            .WithCommand(AgainCommandName, DisplayName, LogIn, new CommandOptions
            {
                Description = "Log in to Codex again (another account, or a login that no longer works): the link and code appear in this resource's console logs.",
                IconName = "PersonKey",
                UpdateState = _ => setup.HasCodexLogin() ? ResourceCommandState.Enabled : ResourceCommandState.Hidden,
            });

        // The long explanation, which the health check's cell cannot hold: a highlighted property is
        // in the resource's details without "show all", and the logs say it when starting without a login.
        cliproxy.OnInitializeResource((_, e, _) => e.Notifications.PublishUpdateAsync(e.Resource, s => s with
        {
            Properties = [.. s.Properties, new ResourcePropertySnapshot(HelpProperty, Help(setup)) { DisplayName = "Codex login", IsHighlighted = true }],
        }));
        cliproxy.OnBeforeResourceStarted((_, e, _) =>
        {
            if (!setup.HasCodexLogin())
            {
                LogNoLogin(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource), Help(setup));
            }

            return Task.CompletedTask;
        });

        return cliproxy;
    }

    /// <summary>How to log in, the action first: the details pane cuts long values to what fits.</summary>
    private static string Help(CliProxyApiSetup setup) =>
        $"Press \"{DisplayName}\" (the key button on this resource's row, or in its \"...\" menu), then enter the code its console logs show "
        + $"at the link they give; or run `{setup.Command} --codex-device-login --no-browser` in a terminal. "
        + $"CLIProxyAPI serves with the Codex (ChatGPT) logins in {setup.AuthDirectory}, and is healthy once there is one.";

    /// <summary>Runs <c>--codex-device-login --no-browser</c> with this run's configuration, its output into the resource's logs.</summary>
    private static async Task<ExecuteCommandResult> LogInAsync(ExecuteCommandContext context, CliProxyApiSetup setup, ParameterResource apiKey)
    {
        var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(context.ResourceName);
        if (CommandLocator.Find(setup.Command) is not { } command)
        {
            CliProxyApiExtensions.LogInstallHint(logger, setup);
            return CommandResults.Failure($"'{setup.Command}' is not installed; see the resource's logs.");
        }

        await setup.RenderAsync(apiKey, context.CancellationToken);
        var start = new ProcessStartInfo(command)
        {
            ArgumentList = { "--codex-device-login", "--no-browser", "--config", setup.ConfigPath },
            WorkingDirectory = setup.RunDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Log(line.Data);
        process.ErrorDataReceived += (_, line) => Log(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0
            ? CommandResults.Success()
            : CommandResults.Failure($"The Codex login ended with exit code {process.ExitCode}; see the resource's logs.");

        void Log(string? line)
        {
            if (line is not null)
            {
                LogLoginOutput(logger, line);
            }
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "No Codex login yet. {Help}")]
    private static partial void LogNoLogin(ILogger logger, string help);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "[codex-login] {Line}")]
    private static partial void LogLoginOutput(ILogger logger, string line);
}
