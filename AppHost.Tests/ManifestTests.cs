using System.Text.Json;
using AppHost.Tests.Infrastructure;

namespace AppHost.Tests;

/// <summary>
/// What <c>azd</c> deploys: the manifest the README's command writes
/// (<c>dotnet run --project AppHost -- --publisher manifest --output-path …</c>).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ManifestTests
{
    [Fact]
    public async Task The_manifest_declares_cliproxyapi_as_a_container_whose_logins_live_on_a_volume_and_the_translator_behind_a_key()
    {
        var resources = (await PublishAsync()).GetProperty("resources");

        var cliproxy = resources.GetProperty("cliproxyapi");
        Assert.Equal("container.v1", cliproxy.GetProperty("type").GetString());
        Assert.EndsWith("AppHost/cliproxyapi/Dockerfile", cliproxy.GetProperty("build").GetProperty("dockerfile").GetString(), StringComparison.Ordinal);
        var volume = Assert.Single(cliproxy.GetProperty("volumes").EnumerateArray());
        Assert.Equal("cliproxyapi-auth", volume.GetProperty("name").GetString());
        Assert.Equal("/root/.cli-proxy-api", volume.GetProperty("target").GetString());
        Assert.False(volume.GetProperty("readOnly").GetBoolean());
        Assert.Equal("{cliproxy-api-key.value}", cliproxy.GetProperty("env").GetProperty("CLIPROXY_API_KEY").GetString());
        Assert.Equal(8317, cliproxy.GetProperty("bindings").GetProperty("http").GetProperty("targetPort").GetInt32());
        Assert.False(cliproxy.GetProperty("bindings").GetProperty("http").TryGetProperty("external", out _));

        var translator = resources.GetProperty("translator");
        Assert.StartsWith("project.", translator.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.True(translator.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        var env = translator.GetProperty("env");
        Assert.Equal("{translator-api-key.value}", env.GetProperty("Translator__Auth__ApiKeys__0").GetString());
        Assert.Equal("{cliproxy-api-key.value}", env.GetProperty("Translator__Upstream__ApiKey").GetString());
        Assert.Equal("{cliproxyapi.bindings.http.url}", env.GetProperty("services__cliproxyapi__http__0").GetString());

        foreach (var parameter in new[] { "cliproxy-api-key", "translator-api-key" })
        {
            Assert.Equal("parameter.v0", resources.GetProperty(parameter).GetProperty("type").GetString());
            Assert.True(Input(resources, parameter).GetProperty("secret").GetBoolean());
        }
    }

    [Fact]
    public async Task A_claude_provider_configured_where_azd_runs_is_a_secret_parameter_the_container_renders_and_none_otherwise()
    {
        var without = await PublishAsync();
        var with = (await PublishAsync("CliProxyApi:ClaudeApiKey=sk-ant-not-in-the-manifest", "CliProxyApi:ClaudeBaseUrl=https://example.services.ai.azure.com/anthropic")).GetProperty("resources");

        Assert.False(without.GetProperty("resources").TryGetProperty("claude-api-key", out _));
        Assert.False(without.GetProperty("resources").GetProperty("cliproxyapi").GetProperty("env").TryGetProperty("CLIPROXY_CLAUDE_API_KEY", out _));
        Assert.True(Input(with, "claude-api-key").GetProperty("secret").GetBoolean());
        var env = with.GetProperty("cliproxyapi").GetProperty("env");
        Assert.Equal("{claude-api-key.value}", env.GetProperty("CLIPROXY_CLAUDE_API_KEY").GetString());
        Assert.Equal("https://example.services.ai.azure.com/anthropic", env.GetProperty("CLIPROXY_CLAUDE_BASE_URL").GetString());
        Assert.DoesNotContain("sk-ant-not-in-the-manifest", with.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_only_cliproxyapi_and_the_translator_share_is_generated_on_deploy_and_the_translators_own_is_asked_for()
    {
        var resources = (await PublishAsync()).GetProperty("resources");

        // azd generates a value for an input with a "generate" default, and asks for one without a default.
        var generate = Input(resources, "cliproxy-api-key").GetProperty("default").GetProperty("generate");
        Assert.Equal(32, generate.GetProperty("minLength").GetInt32());
        Assert.False(generate.GetProperty("special").GetBoolean());
        Assert.False(Input(resources, "translator-api-key").TryGetProperty("default", out _));
    }

    [Fact]
    public async Task Every_resource_azd_deploys_is_a_container_or_a_project_and_every_container_says_how_to_get_its_image()
    {
        var resources = (await PublishAsync()).GetProperty("resources");

        foreach (var resource in resources.EnumerateObject())
        {
            var type = resource.Value.GetProperty("type").GetString()!;

            // azd cannot deploy an executable: in publish mode the AppHost declares none.
            Assert.DoesNotContain("executable", type, StringComparison.Ordinal);
            if (type.StartsWith("container.", StringComparison.Ordinal))
            {
                Assert.True(resource.Value.TryGetProperty("build", out _) || resource.Value.TryGetProperty("image", out _), $"{resource.Name} has neither a build nor an image");
            }
        }
    }

    /// <summary>The manifest the README's command writes, for tests of what azd reads beside it.</summary>
    internal static async Task<JsonElement> ResourcesAsync() => (await PublishAsync()).GetProperty("resources");

    private static JsonElement Input(JsonElement resources, string parameter) =>
        resources.GetProperty(parameter).GetProperty("inputs").GetProperty("value");

    /// <param name="settings">AppHost settings as <c>Key=Value</c> command-line arguments, as a user gives them.</param>
    private static async Task<JsonElement> PublishAsync(params string[] settings)
    {
        var output = Path.Combine(Paths.TempDirectory("manifest-").FullName, "aspire-manifest.json");
        await DotnetCli.RunAsync(["run", "--project", Paths.AppHostProject, "--no-build", "-c", Paths.Configuration, "--", "--publisher", "manifest", "--output-path", output, .. settings]);

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        return manifest.RootElement.Clone();
    }
}
