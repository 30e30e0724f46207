using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

internal static class CliProxyApiExtensions
{
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
            // A Claude provider configured where azd runs (CliProxyApi:ClaudeApiKey) becomes a secret
            // parameter azd asks for, never the value itself in the manifest; none configured, none asked.
            var claudeKey = setup.HasClaudeProvider ? builder.AddParameter("claude-api-key", secret: true) : null;

            // The Dockerfile's folder is the build context; the container renders its own config.
            return builder.AddExecutable(name, setup.Command, templateDirectory)
                .WithHttpEndpoint(targetPort: CliProxyApiSetup.DefaultPort, name: "http")
                .PublishAsDockerFile(container =>
                {
                    container
                        .WithEnvironment("CLIPROXY_API_KEY", apiKey)
                        .WithEnvironment("CLIPROXY_HOST", "")
                        // The Codex login (OAuth tokens CLIProxyAPI refreshes) must outlive each revision.
                        .WithVolume("cliproxyapi-auth", "/root/.cli-proxy-api");
                    if (claudeKey is not null)
                    {
                        container.WithEnvironment("CLIPROXY_CLAUDE_API_KEY", claudeKey);
                        if (setup.ClaudeBaseUrl is { } baseUrl)
                        {
                            container.WithEnvironment("CLIPROXY_CLAUDE_BASE_URL", baseUrl);
                        }
                    }
                });
        }

        // Left proxied: the one endpoint form that works both locally and on Azure Container Apps.
        var cliproxy = builder.AddExecutable(name, setup.Command, setup.RunDirectory, "--config", setup.ConfigPath)
            .WithHttpEndpoint(targetPort: setup.Port, name: "http")
            .WithHttpHealthCheck("/healthz")
            .WithCodexLogin(setup, apiKey.Resource);

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
                    Properties = [.. s.Properties, new ResourcePropertySnapshot("cliproxyapi.install", InstallHint(setup)) { DisplayName = "Install", IsHighlighted = true }],
                });
            });
        }

        return cliproxy;
    }

    public static void LogInstallHint(ILogger logger, CliProxyApiSetup setup) => logger.LogWarning("{Hint}", InstallHint(setup));

    private static string InstallHint(CliProxyApiSetup setup) =>
        $"'{setup.Command}' was not found. Install CLIProxyAPI (https://github.com/router-for-me/CLIProxyAPI/releases, or `brew install cliproxyapi`) "
        + "so that it is on PATH, or set CliProxyApi:Command to its path; then start this resource from the dashboard.";
}
