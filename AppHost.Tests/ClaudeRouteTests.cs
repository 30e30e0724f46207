using Anthropic;
using AppHost.Tests.Infrastructure;

namespace AppHost.Tests;

/// <summary>
/// The Claude route through the whole stack: a model the translator routes to <c>claude</c> goes,
/// untranslated, to CLIProxyAPI's own Anthropic endpoint, which serves it from the Claude provider
/// the AppHost wrote into its config.yaml; every other model is still translated for Codex.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ClaudeRouteTests
{
    private const string ClaudeGreeting = "Hello from Claude behind the CLIProxyAPI stand-in.";

    [Fact]
    public async Task A_model_routed_to_claude_is_answered_by_cliproxyapis_claude_provider_whole_and_streamed()
    {
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(
            Paths.StandIn,
            Paths.AuthDirWithLogin(),
            Configuration: ["CliProxyApi:ClaudeApiKey=sk-ant-provider-key"],
            Arrange: builder => builder.CreateResourceBuilder<ProjectResource>("translator")
                .WithEnvironment("Translator__Models__Map__claude-opus-4-5", "claude")));
        await run.WaitForHealthyAsync("translator");
        var client = Messages.Client(run.App.GetEndpoint("translator", "http"));

        var whole = await client.Messages.Create(Messages.Hello("claude-opus-4-5"));
        var streamed = await client.Messages.CreateStreaming(Messages.Hello("claude-opus-4-5")).Aggregate();
        var translated = await client.Messages.Create(Messages.Hello("claude-sonnet-4-5"));

        Assert.Equal(ClaudeGreeting, Messages.TextOf(whole));
        Assert.Equal(ClaudeGreeting, Messages.TextOf(streamed));
        Assert.Equal("claude-opus-4-5", whole.Model.Raw());
        Assert.Equal(Messages.StandInGreeting, Messages.TextOf(translated));
        var logs = await run.LogsUntilAsync("cliproxyapi", "POST /v1/messages model=claude-opus-4-5 stream=true");
        Assert.Contains(logs, l => l.Contains("POST /v1/messages model=claude-opus-4-5 stream=false", StringComparison.Ordinal));
    }
}
