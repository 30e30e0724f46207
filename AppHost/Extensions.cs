internal static class Extensions
{
    private const string ConfigTemplate = "config.template.yaml";
    private const string Config = "config.yaml";
    private const int Port = 8317;

    /// <summary>
    /// CLIProxyAPI: in run mode the binary on this machine (using the user's own Codex login), in
    /// publish mode a container built from <c>cliproxyapi/Dockerfile</c>.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddCliProxyApi(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> apiKey)
    {
        var command = builder.Configuration["CliProxyApi:Command"] ?? "cli-proxy-api";
        var workingDirectory = Path.Combine(builder.AppHostDirectory, "cliproxyapi");

        if (builder.ExecutionContext.IsRunMode && CommandLocator.Find(command) is null)
        {
            Console.Error.WriteLine(
                $"""
                CLIProxyAPI was not found: '{command}' is not on PATH.
                Install it (https://github.com/router-for-me/CLIProxyAPI/releases, or `brew install cliproxyapi`),
                log in once with `{command} --codex-login`, then run the AppHost again.
                If it is installed elsewhere, set CliProxyApi:Command, e.g.
                  dotnet user-secrets set CliProxyApi:Command /opt/cliproxyapi/cli-proxy-api --project AppHost
                """);
            Environment.Exit(1);
        }

        var cliproxy = builder.AddExecutable(name, command, workingDirectory, "--config", Config)
            // Left proxied: the one form that works both locally and on Azure Container Apps.
            .WithHttpEndpoint(targetPort: Port, name: "http")
            .WithHttpHealthCheck("/healthz")
            .PublishAsDockerFile(container => container
                .WithEnvironment("CLIPROXY_API_KEY", apiKey)
                .WithEnvironment("CLIPROXY_HOST", ""));

        // CLIProxyAPI reads its keys from config.yaml only, so the file is written from the
        // template just before it starts, with the key from the secret parameter.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(cliproxy.Resource, async (_, cancellationToken) =>
        {
            var key = await ((IValueProvider)apiKey.Resource).GetValueAsync(cancellationToken);
            var template = await File.ReadAllTextAsync(Path.Combine(workingDirectory, ConfigTemplate), cancellationToken);
            var config = template
                .Replace("${CLIPROXY_API_KEY}", key, StringComparison.Ordinal)
                .Replace("${CLIPROXY_HOST}", "127.0.0.1", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(workingDirectory, Config), config, cancellationToken);
        });

        return cliproxy;
    }
}
