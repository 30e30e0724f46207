using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CliProxyApi.StandIn;

/// <summary>The part of CLIProxyAPI's <c>config.yaml</c> the stand-in honours; the rest is read and ignored, as unknown keys are.</summary>
internal sealed class StandInConfig
{
    public string Host { get; set; } = string.Empty;
    public int Port { get; set; } = 8317;
    public string AuthDir { get; set; } = "~/.cli-proxy-api";
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Claude providers (<c>claude-api-key</c>): Anthropic's API or a compatible host such as Claude on Azure AI Foundry.</summary>
    public List<ClaudeApiKey> ClaudeApiKey { get; set; } = [];

    public static StandInConfig Load(string path)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(HyphenatedNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        return deserializer.Deserialize<StandInConfig>(File.ReadAllText(path)) ?? new StandInConfig();
    }

    /// <summary>The auth directory with <c>~</c> expanded, as CLIProxyAPI expands it.</summary>
    public string AuthDirectory() => AuthDir.StartsWith('~')
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), AuthDir.TrimStart('~', '/'))
        : AuthDir;
}
