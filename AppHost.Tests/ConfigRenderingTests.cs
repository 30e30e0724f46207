using System.Diagnostics;
using AppHost.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace AppHost.Tests;

/// <summary>
/// CLIProxyAPI's <c>config.yaml</c>, rendered from <c>cliproxyapi/config.template.yaml</c> by the
/// AppHost (run) and by the container's entrypoint (deployed): a key with any printable character,
/// or a line break, stays one value, the one the translator presents.
/// </summary>
public sealed class ConfigRenderingTests
{
    public static TheoryData<string> Keys => ["plain0123456789abcdef", "with \"quotes\"", @"back\slash\n", "hash # not a comment", "colon: not a mapping", "line\nbreak", "all \" \\ # : \n\t of them"];

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_apphost_renders_any_key_as_the_one_value_cliproxyapi_reads(string key)
    {
        var authDir = Path.Combine(Path.GetTempPath(), @"odd \ "" # : folder");
        var setup = new CliProxyApiSetup(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CliProxyApi:AuthDir"] = authDir }).Build(),
            Paths.AppHostFile("cliproxyapi"));

        var config = Yaml.Parse(setup.Render(File.ReadAllText(Paths.AppHostFile("cliproxyapi/config.template.yaml")), key));

        Assert.Equal(key, ((YamlDotNet.RepresentationModel.YamlScalarNode)Assert.Single(config.Items("api-keys"))).Value);
        Assert.Equal(authDir, config.Text("auth-dir"));
        Assert.Equal("127.0.0.1", config.Text("host"));
    }

    [Fact]
    public void The_apphost_renders_the_claude_provider_it_is_given_and_none_otherwise()
    {
        var template = File.ReadAllText(Paths.AppHostFile("cliproxyapi/config.template.yaml"));
        CliProxyApiSetup Setup(Dictionary<string, string?> settings) =>
            new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Paths.AppHostFile("cliproxyapi"));

        var withClaude = Yaml.Parse(Setup(new() { ["CliProxyApi:ClaudeApiKey"] = "sk-ant \"odd\" # key", ["CliProxyApi:ClaudeBaseUrl"] = "https://example.services.ai.azure.com/anthropic" }).Render(template, "key"));
        var without = Yaml.Parse(Setup([]).Render(template, "key"));

        var provider = Assert.Single(withClaude.Items("claude-api-key"));
        Assert.Equal("sk-ant \"odd\" # key", provider.Text("api-key"));
        Assert.Equal("https://example.services.ai.azure.com/anthropic", provider.Text("base-url"));
        Assert.False(without.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("claude-api-key")));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task The_container_entrypoint_renders_any_key_as_the_one_value_cliproxyapi_reads(string key)
    {
        var (exitCode, config, _) = await RenderInContainerScriptAsync(key);

        Assert.Equal(0, exitCode);
        var rendered = Yaml.Parse(config);
        Assert.Equal(key, ((YamlDotNet.RepresentationModel.YamlScalarNode)Assert.Single(rendered.Items("api-keys"))).Value);
        Assert.Equal("/root/.cli-proxy-api", rendered.Text("auth-dir"));
        Assert.Equal(string.Empty, rendered.Text("host"));
        Assert.Equal("8317", rendered.Text("port"));
    }

    [Fact]
    public async Task The_container_entrypoint_refuses_a_key_with_a_control_character_yaml_cannot_carry()
    {
        var (exitCode, _, stderr) = await RenderInContainerScriptAsync("bell\u0007key");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("CLIPROXY_API_KEY holds a control character", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_container_entrypoint_renders_the_claude_provider_it_is_given_and_none_otherwise()
    {
        const string ClaudeKey = "sk-ant \"odd\" # key: \\";
        var (exitCode, withClaude, _) = await RenderInContainerScriptAsync("key", new()
        {
            ["CLIPROXY_CLAUDE_API_KEY"] = ClaudeKey,
            ["CLIPROXY_CLAUDE_BASE_URL"] = "https://example.services.ai.azure.com/anthropic",
        });
        var (_, without, _) = await RenderInContainerScriptAsync("key");

        Assert.Equal(0, exitCode);
        var provider = Assert.Single(Yaml.Parse(withClaude).Items("claude-api-key"));
        Assert.Equal(ClaudeKey, provider.Text("api-key"));
        Assert.Equal("https://example.services.ai.azure.com/anthropic", provider.Text("base-url"));
        Assert.Equal("key", ((YamlDotNet.RepresentationModel.YamlScalarNode)Assert.Single(Yaml.Parse(withClaude).Items("api-keys"))).Value);
        Assert.False(Yaml.Parse(without).Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("claude-api-key")));
    }

    /// <summary>Runs the script the container's entrypoint runs, with sh, as the container does.</summary>
    private static async Task<(int ExitCode, string Config, string Stderr)> RenderInContainerScriptAsync(string key, Dictionary<string, string>? environment = null)
    {
        var output = Path.Combine(Paths.TempDirectory("rendered-").FullName, "config.yaml");
        var start = new ProcessStartInfo("sh")
        {
            ArgumentList = { Paths.AppHostFile("cliproxyapi/render-config.sh"), Paths.AppHostFile("cliproxyapi/config.template.yaml"), output },
            RedirectStandardError = true,
            Environment = { ["CLIPROXY_API_KEY"] = key, ["CLIPROXY_HOST"] = string.Empty },
        };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, File.Exists(output) ? await File.ReadAllTextAsync(output) : string.Empty, stderr);
    }
}
