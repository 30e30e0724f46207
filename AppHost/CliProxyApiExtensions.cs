using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

internal static class CliProxyApiExtensions
{
    private const string CodexLoginCommand = "codex-login";

    /// <summary>
    /// CLIProxyAPI: in run mode the binary on this machine, using the user's own Codex login (the
    /// "Log in to Codex" command makes one); in publish mode a container built from
    /// <c>cliproxyapi/Dockerfile</c>, its logins on a persistent volume.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddCliProxyApi(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> apiKey)
    {
        var templateDirectory = Path.Combine(builder.AppHostDirectory, "cliproxyapi");
        var setup = new CliProxyApiSetup(builder.Configuration, templateDirectory);

        if (builder.ExecutionContext.IsPublishMode)
        {
            // The Dockerfile's folder is the build context; the container renders its own config.
            return builder.AddExecutable(name, setup.Command, templateDirectory)
                .WithHttpEndpoint(targetPort: CliProxyApiSetup.DefaultPort, name: "http")
                .PublishAsDockerFile(container => container
                    .WithEnvironment("CLIPROXY_API_KEY", apiKey)
                    .WithEnvironment("CLIPROXY_HOST", "")
                    // The Codex login (OAuth tokens CLIProxyAPI refreshes) must outlive each revision.
                    .WithVolume("cliproxyapi-auth", "/root/.cli-proxy-api"));
        }

        var loginCheck = $"{name}-codex-login";
        builder.Services.AddHealthChecks().AddCheck(loginCheck, () => setup.HasCodexLogin()
            ? HealthCheckResult.Healthy("A Codex login exists.")
            : HealthCheckResult.Unhealthy($"No Codex login yet: run the \"Log in to Codex\" command of this resource (or `{setup.Command} --codex-device-login --no-browser`)."));

        // Left proxied: the one endpoint form that works both locally and on Azure Container Apps.
        var cliproxy = builder.AddExecutable(name, setup.Command, setup.RunDirectory, "--config", setup.ConfigPath)
            .WithHttpEndpoint(targetPort: setup.Port, name: "http")
            .WithHttpHealthCheck("/healthz")
            .WithHealthCheck(loginCheck)
            .WithCommand(CodexLoginCommand, "Log in to Codex", context => LogInAsync(context, setup, apiKey.Resource), new CommandOptions
            {
                Description = "Runs CLIProxyAPI's Codex device login: the link and code to enter appear in this resource's logs.",
                IconName = "PersonKey",
                IsHighlighted = true,
            });

        // CLIProxyAPI reads its keys from config.yaml only, so the file is written just before it starts.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(cliproxy.Resource, async (e, cancellationToken) =>
        {
            if (CommandLocator.Find(setup.Command) is null)
            {
                LogInstallHint(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource), setup);
            }

            await setup.RenderAsync(apiKey.Resource, cancellationToken);
        });

        // Without the binary the AppHost still starts: CLIProxyAPI waits, not started, with the
        // install hint in its logs and details, and the translator waits for it. Once installed, the
        // dashboard's Start runs it, without restarting the AppHost.
        if (CommandLocator.Find(setup.Command) is null)
        {
            cliproxy.WithExplicitStart();
            builder.Eventing.Subscribe<InitializeResourceEvent>(cliproxy.Resource, async (e, _) =>
            {
                LogInstallHint(e.Logger, setup);
                await e.Notifications.PublishUpdateAsync(e.Resource, s => s with
                {
                    State = new ResourceStateSnapshot(KnownResourceStates.NotStarted, KnownResourceStateStyles.Warn),
                    Properties = [.. s.Properties, new ResourcePropertySnapshot("cliproxyapi.install", InstallHint(setup))],
                });
            });
        }

        return cliproxy;
    }

    private static string InstallHint(CliProxyApiSetup setup) =>
        $"'{setup.Command}' was not found. Install CLIProxyAPI (https://github.com/router-for-me/CLIProxyAPI/releases, or `brew install cliproxyapi`) "
        + "so that it is on PATH, or set CliProxyApi:Command to its path; then start this resource from the dashboard.";

    private static void LogInstallHint(ILogger logger, CliProxyApiSetup setup) => logger.LogWarning("{Hint}", InstallHint(setup));

    /// <summary>Runs <c>--codex-device-login --no-browser</c> with this run's configuration, its output into the resource's logs.</summary>
    private static async Task<ExecuteCommandResult> LogInAsync(ExecuteCommandContext context, CliProxyApiSetup setup, ParameterResource apiKey)
    {
        var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(context.ResourceName);
        if (CommandLocator.Find(setup.Command) is not { } command)
        {
            logger.LogWarning("{Hint}", InstallHint(setup));
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
                logger.LogInformation("[codex-login] {Line}", line);
            }
        }
    }
}
