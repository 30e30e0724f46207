using System.Text.Json;
using AppHost.Tests.Infrastructure;

namespace AppHost.Tests;

/// <summary>
/// The translator's image, as the SDK's container support computes it from Translator.Api.csproj
/// when Aspire or azd publish the project resource (<c>dotnet publish -t:PublishContainer</c>).
/// </summary>
public sealed class TranslatorImageTests
{
    private static string TranslatorProject => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Paths.AppHostProject))!, "Translator.Api", "Translator.Api.csproj");

    [Fact]
    public async Task Published_as_a_container_the_translator_is_its_native_aot_binary_on_a_chiseled_runtime_deps_image()
    {
        var published = await EvaluateAsync(publishing: true);
        var built = await EvaluateAsync(publishing: false);

        Assert.Equal("true", published.GetProperty("PublishAot").GetString());
        Assert.Equal("linux-x64", published.GetProperty("ContainerRuntimeIdentifier").GetString());
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", published.GetProperty("ContainerBaseImage").GetString());

        // The build the tests, the benchmarks and `dotnet run` use stays JIT-compiled.
        Assert.Equal(string.Empty, built.GetProperty("PublishAot").GetString());
    }

    /// <summary>The properties after the SDK's target that picks the base image, as a publish (or a build) sees them.</summary>
    private static async Task<JsonElement> EvaluateAsync(bool publishing)
    {
        var stdout = await DotnetCli.RunAsync(
            "msbuild", TranslatorProject, "-nologo", "-t:ComputeContainerBaseImage", "-p:Configuration=Release",
            $"-p:_IsPublishing={(publishing ? "true" : "false")}",
            "-getProperty:PublishAot", "-getProperty:ContainerRuntimeIdentifier", "-getProperty:ContainerBaseImage");

        using var result = JsonDocument.Parse(stdout);
        return result.RootElement.GetProperty("Properties").Clone();
    }
}
