using Microsoft.Extensions.Configuration;

/// <summary>
/// Where CLIProxyAPI runs from in run mode and what its <c>config.yaml</c> says: the command
/// (<c>CliProxyApi:Command</c>), the port (<c>CliProxyApi:Port</c>), the login folder
/// (<c>CliProxyApi:AuthDir</c>), a Claude provider for the translator's Claude route
/// (<c>CliProxyApi:ClaudeApiKey</c>, and <c>CliProxyApi:ClaudeBaseUrl</c> for a host other than
/// Anthropic's, such as Claude on Azure AI Foundry), and a private folder for the rendered configuration
/// (<c>CliProxyApi:ConfigDir</c>), which holds the key and so is kept out of the source tree: by
/// default one per port under the local application data, rewritten by every run.
/// </summary>
internal sealed class CliProxyApiSetup
{
    public const int DefaultPort = 8317;

    private readonly string _templatePath;
    private readonly string? _configDirectory;
    private readonly string? _claudeApiKey;
    private readonly string? _claudeBaseUrl;

    public CliProxyApiSetup(IConfiguration configuration, string templateDirectory)
    {
        Command = configuration["CliProxyApi:Command"] is { Length: > 0 } command ? command : "cli-proxy-api";
        Port = configuration.GetValue("CliProxyApi:Port", DefaultPort);
        AuthDirectory = ExpandHome(configuration["CliProxyApi:AuthDir"] is { Length: > 0 } authDir ? authDir : "~/.cli-proxy-api");
        _configDirectory = configuration["CliProxyApi:ConfigDir"] is { Length: > 0 } configDir ? ExpandHome(configDir) : null;
        _templatePath = Path.Combine(templateDirectory, "config.template.yaml");
        _claudeApiKey = configuration["CliProxyApi:ClaudeApiKey"] is { Length: > 0 } claudeKey ? claudeKey : null;
        _claudeBaseUrl = configuration["CliProxyApi:ClaudeBaseUrl"] is { Length: > 0 } claudeUrl ? claudeUrl : null;
    }

    public string Command { get; }

    public int Port { get; }

    public string AuthDirectory { get; }

    /// <summary>Created on first use (run mode only), readable by its owner only.</summary>
    public string RunDirectory => field ??= CreatePrivateDirectory(_configDirectory ?? Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "ClaudeCodex.Aspire",
        $"cliproxyapi-{Port}"));

    public string ConfigPath => Path.Combine(RunDirectory, "config.yaml");

    /// <summary>CLIProxyAPI stores each Codex login as <c>codex-&lt;email&gt;[-plan].json</c> in its auth folder.</summary>
    /// <summary>Whether a Claude provider is configured (<c>CliProxyApi:ClaudeApiKey</c>).</summary>
    public bool HasClaudeProvider => _claudeApiKey is not null;

    /// <summary>Where the Claude provider is reached (<c>CliProxyApi:ClaudeBaseUrl</c>); null for Anthropic's own API.</summary>
    public string? ClaudeBaseUrl => _claudeBaseUrl;

    public bool HasCodexLogin() => Directory.Exists(AuthDirectory) && Directory.EnumerateFiles(AuthDirectory, "codex-*.json").Any();

    /// <summary>Writes <c>config.yaml</c> from the template with the key, on loopback, at the configured port and login folder.</summary>
    public async Task RenderAsync(ParameterResource apiKeyParameter, CancellationToken cancellationToken)
    {
        var apiKey = await apiKeyParameter.GetValueAsync(cancellationToken) ?? string.Empty;
        var template = await File.ReadAllTextAsync(_templatePath, cancellationToken);
        await File.WriteAllTextAsync(ConfigPath, Render(template, apiKey), cancellationToken);
    }

    /// <summary>
    /// The template with this setup's values. The key and the folder land in double-quoted YAML
    /// strings, escaped for them: a Windows path's backslashes, or a key with any character, stay one value.
    /// </summary>
    public string Render(string template, string apiKey) => template
        .Replace("${CLIPROXY_API_KEY}", YamlQuoted.Escape(apiKey), StringComparison.Ordinal)
        .Replace("${CLIPROXY_HOST}", "127.0.0.1", StringComparison.Ordinal)
        .Replace("${CLIPROXY_PORT}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("${CLIPROXY_AUTH_DIR}", YamlQuoted.Escape(AuthDirectory), StringComparison.Ordinal)
        + ClaudeProvider();

    /// <summary>The <c>claude-api-key</c> entry CLIProxyAPI serves <c>/v1/messages</c> from; nothing when none is configured.</summary>
    private string ClaudeProvider() => _claudeApiKey is null
        ? string.Empty
        : "\n# The Claude provider the translator's Claude route reaches through /v1/messages (CliProxyApi:ClaudeApiKey, CliProxyApi:ClaudeBaseUrl).\n"
            + "claude-api-key:\n"
            + $"  - api-key: \"{YamlQuoted.Escape(_claudeApiKey)}\"\n"
            + (_claudeBaseUrl is null ? string.Empty : $"    base-url: \"{YamlQuoted.Escape(_claudeBaseUrl)}\"\n");

    private static string CreatePrivateDirectory(string path) => OperatingSystem.IsWindows()
        ? Directory.CreateDirectory(path).FullName
        : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

    private static string ExpandHome(string path) => path.StartsWith('~')
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/', '\\'))
        : Path.GetFullPath(path);
}
