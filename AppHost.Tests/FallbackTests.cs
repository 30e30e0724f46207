using Anthropic;
using Anthropic.Exceptions;
using AppHost.Tests.Infrastructure;

namespace AppHost.Tests;

/// <summary>
/// Codex out of quota through the whole stack: CLIProxyAPI passes Codex's 429 on; a model routed
/// "Codex first, Claude as backup" is answered by CLIProxyAPI's Claude provider without an error
/// reaching the agent, and a model routed to Codex alone is told when the limit resets.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FallbackTests
{
    [Fact]
    public async Task With_codex_out_of_quota_a_codex_first_route_goes_on_to_claude_and_a_codex_only_one_says_when_it_resets()
    {
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(
            Paths.StandIn,
            Paths.AuthDirWithLogin(),
            Configuration: ["CliProxyApi:ClaudeApiKey=sk-ant-provider-key"],
            Arrange: builder =>
            {
                builder.CreateResourceBuilder<ExecutableResource>("cliproxyapi").WithEnvironment("STANDIN_CODEX_QUOTA_RESETS_IN_SECONDS", "7980");
                builder.CreateResourceBuilder<ProjectResource>("translator").WithEnvironment("Translator__Models__Map__claude-opus-4-5", "gpt-5.5,claude");
            }));
        await run.WaitForHealthyAsync("translator");
        var client = Messages.Client(run.App.GetEndpoint("translator", "http"));

        var served = await client.Messages.CreateStreaming(Messages.Hello("claude-opus-4-5")).Aggregate();
        var limited = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Create(Messages.Hello("claude-sonnet-4-5")));

        Assert.Equal("Hello from Claude behind the CLIProxyAPI stand-in.", Messages.TextOf(served));
        Assert.Contains("Codex usage limit reached (plan plus); it resets at ", limited.Message);
        Assert.Contains(" UTC, in 2 h 13 min.", limited.Message);
        var logs = await run.LogsUntilAsync("cliproxyapi", "POST /v1/messages model=claude-opus-4-5 stream=true");
        Assert.Contains(logs, l => l.Contains("429 usage_limit_reached", StringComparison.Ordinal));
    }
}
