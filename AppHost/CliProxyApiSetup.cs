using Microsoft.Extensions.Configuration;

/// <summary>
/// Where CLIProxyAPI runs from in run mode and what its <c>config.yaml</c> says: the command
/// (<c>CliProxyApi:Command</c>), the port (<c>CliProxyApi:Port</c>), the login folder
/// (<c>CliProxyApi:AuthDir</c>), and a folder of this run's own for the rendered configuration,
/// which holds the key and so is kept out of the source tree.
/// </summary>
internal sealed class CliProxyApiSetup
{
    public const int DefaultPort = 8317;

    private readonly string _templatePath;

    public CliProxyApiSetup(IConfiguration configuration, string templateDirectory)
    {
        Command = configuration["CliProxyApi:Command"] is { Length: > 0 } command ? command : "cli-proxy-api";
        Port = configuration.GetValue("CliProxyApi:Port", DefaultPort);
        AuthDirectory = ExpandHome(configuration["CliProxyApi:AuthDir"] is { Length: > 0 } authDir ? authDir : "~/.cli-proxy-api");
        _templatePath = Path.Combine(templateDirectory, "config.template.yaml");
    }

    public string Command { get; }

    public int Port { get; }

    public string AuthDirectory { get; }

    /// <summary>Created on first use (run mode only): owner-only on Unix.</summary>
    public string RunDirectory => field ??= Directory.CreateTempSubdirectory("cliproxyapi-").FullName;

    public string ConfigPath => Path.Combine(RunDirectory, "config.yaml");

    /// <summary>CLIProxyAPI stores each Codex login as <c>codex-&lt;email&gt;[-plan].json</c> in its auth folder.</summary>
    public bool HasCodexLogin() => Directory.Exists(AuthDirectory) && Directory.EnumerateFiles(AuthDirectory, "codex-*.json").Any();

    /// <summary>Writes <c>config.yaml</c> from the template with the key, on loopback, at the configured port and login folder.</summary>
    public async Task RenderAsync(string apiKey, CancellationToken cancellationToken)
    {
        var template = await File.ReadAllTextAsync(_templatePath, cancellationToken);
        var config = template
            .Replace("${CLIPROXY_API_KEY}", apiKey, StringComparison.Ordinal)
            .Replace("${CLIPROXY_HOST}", "127.0.0.1", StringComparison.Ordinal)
            .Replace("${CLIPROXY_PORT}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${CLIPROXY_AUTH_DIR}", AuthDirectory, StringComparison.Ordinal);
        await File.WriteAllTextAsync(ConfigPath, config, cancellationToken);
    }

    private static string ExpandHome(string path) => path.StartsWith('~')
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/', '\\'))
        : Path.GetFullPath(path);
}
