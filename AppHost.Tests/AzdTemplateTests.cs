using System.Text.Json;
using System.Text.RegularExpressions;
using AppHost.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AppHost.Tests;

/// <summary>
/// What azd reads beside the manifest: <c>AppHost/infra/cliproxyapi.tmpl.yaml</c>, the Container
/// App azd deploys CLIProxyAPI as (azd uses <c>infra/&lt;resource&gt;.tmpl.yaml</c> of the AppHost's
/// folder instead of generating one), and the image its Dockerfile builds on.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class AzdTemplateTests
{
    [Fact]
    public void Cliproxyapi_runs_as_exactly_one_replica_in_single_revision_mode()
    {
        var template = Template();

        // Every replica would share the one Codex login, whose refresh token rotates.
        Assert.Equal("1", template.Text("properties", "template", "scale", "minReplicas"));
        Assert.Equal("1", template.Text("properties", "template", "scale", "maxReplicas"));
        Assert.Equal("single", template.Text("properties", "configuration", "activeRevisionsMode"));
    }

    [Fact]
    public async Task Cliproxyapi_keeps_its_logins_on_an_azure_files_volume_behind_internal_ingress_with_its_key_a_secret()
    {
        var template = Template();
        var cliproxy = (await ManifestTests.ResourcesAsync()).GetProperty("cliproxyapi");

        var ingress = template.At("properties", "configuration", "ingress");
        Assert.Equal("false", ingress.Text("external"));
        Assert.Equal(cliproxy.GetProperty("bindings").GetProperty("http").GetProperty("targetPort").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), ingress.Text("targetPort"));

        // The volume azd provisions for the manifest's, under the name azd gives its storage (SERVICE_<RESOURCE>_VOLUME_<VOLUME>_NAME).
        var manifestVolume = Assert.Single(cliproxy.GetProperty("volumes").EnumerateArray());
        var volume = Assert.Single(template.Items("properties", "template", "volumes"));
        Assert.Equal("AzureFile", volume.Text("storageType"));
        var storageName = "SERVICE_CLIPROXYAPI_VOLUME_" + manifestVolume.GetProperty("name").GetString()!.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() + "_NAME";
        Assert.Equal($"{{{{ .Env.{storageName} }}}}", volume.Text("storageName"));
        var container = Assert.Single(template.Items("properties", "template", "containers"));
        var mount = Assert.Single(container.Items("volumeMounts"));
        Assert.Equal(volume.Text("name"), mount.Text("volumeName"));
        Assert.Equal("/root/.cli-proxy-api", mount.Text("mountPath"));
        Assert.Equal(manifestVolume.GetProperty("target").GetString(), mount.Text("mountPath"));

        // The key reaches the container as a secret reference, its value the generated parameter; no setting of the manifest is missing.
        var env = container.Items("env").ToDictionary(e => e.Text("name"));
        var secret = Assert.Single(template.Items("properties", "configuration", "secrets"));
        Assert.Equal(secret.Text("name"), env["CLIPROXY_API_KEY"].Text("secretRef"));
        Assert.Equal("{{ securedParameter \"cliproxy_api_key\" }}", secret.Text("value"));
        Assert.All(cliproxy.GetProperty("env").EnumerateObject(), setting => Assert.Contains(setting.Name, env.Keys));
    }

    [Fact]
    public async Task The_translator_is_left_to_azd_public_and_free_to_scale_and_refuses_calls_without_a_key()
    {
        var translator = (await ManifestTests.ResourcesAsync()).GetProperty("translator");

        Assert.False(File.Exists(Paths.AppHostFile("infra/translator.tmpl.yaml")), "the translator keeps azd's generated template (scales out: its state is all in the request)");
        Assert.True(translator.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        Assert.Equal("{translator-api-key.value}", translator.GetProperty("env").GetProperty("Translator__Auth__ApiKeys__0").GetString());
    }

    [Fact]
    public void The_cliproxyapi_image_is_pinned_to_a_release_not_latest()
    {
        var from = Assert.Single(File.ReadAllLines(Paths.AppHostFile("cliproxyapi/Dockerfile")), l => l.StartsWith("FROM ", StringComparison.Ordinal));

        var match = FromLine().Match(from);
        Assert.True(match.Success, $"not the CLIProxyAPI image: {from}");
        Assert.True(match.Groups["tag"].Success || match.Groups["digest"].Success, $"no tag or digest: {from}");
        Assert.NotEqual("latest", match.Groups["tag"].Value);
        Assert.True(match.Groups["digest"].Success || VersionTag().IsMatch(match.Groups["tag"].Value), $"not a release tag: {from}");
    }

    /// <summary>The template as azd reads it once its Go template expressions are filled in: here each stands for itself, quoted.</summary>
    private static YamlMappingNode Template()
    {
        var text = File.ReadAllText(Paths.AppHostFile("infra/cliproxyapi.tmpl.yaml"));
        return Yaml.Parse(GoExpression().Replace(text, m => m.Value.StartsWith('\'') || m.Value.StartsWith('"') ? m.Value : JsonSerializer.Serialize(m.Value)));
    }

    [GeneratedRegex("""['"]?\{\{.*?\}\}['"]?""")]
    private static partial Regex GoExpression();

    [GeneratedRegex(@"^FROM eceasy/cli-proxy-api(:(?<tag>[^@\s]+))?(@(?<digest>sha256:[0-9a-f]{64}))?\s*$")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^v\d+\.\d+\.\d+$")]
    private static partial Regex VersionTag();
}
