using Anthropic;
using Anthropic.Exceptions;
using AppHost.Tests.Infrastructure;

namespace AppHost.Tests;

/// <summary>
/// A Codex login CLIProxyAPI has but Codex refuses (expired and not refreshable, or revoked), the
/// way a login goes bad weeks after the quick start: the AppHost's login check passes (the file is
/// there), the translator runs, and model calls must say what is wrong instead of being retried.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class CodexLoginTests
{
    [Fact]
    public async Task A_model_call_with_an_expired_codex_login_gets_a_403_saying_how_to_log_in_and_reaches_cliproxyapi_once()
    {
        var expired = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(Paths.StandIn, Paths.AuthDirWithLogin(expired)));
        await run.WaitForHealthyAsync("translator");
        // Retries on, as Claude Code has them: a retryable answer would reach CLIProxyAPI again.
        var client = Messages.Client(run.App.GetEndpoint("translator", "http"), maxRetries: 2);

        // Codex refuses the login (401); CLIProxyAPI then rests it and has none to pick (503 auth_unavailable).
        var refused = await Assert.ThrowsAsync<AnthropicForbiddenException>(() => client.Messages.Create(Messages.Hello()));
        var resting = await Assert.ThrowsAsync<AnthropicForbiddenException>(() => client.Messages.CreateStreaming(Messages.Hello()).Aggregate());

        Assert.Contains("expired or was revoked", refused.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("no usable Codex login", resting.ResponseBody, StringComparison.Ordinal);
        Assert.All(new[] { refused, resting }, e =>
        {
            Assert.Contains("Log in to Codex", e.ResponseBody, StringComparison.Ordinal);
            Assert.Contains("cli-proxy-api --codex-device-login", e.ResponseBody, StringComparison.Ordinal);
        });

        // The stand-in logs each call in the order it gets them: a keyless call after the two marks
        // the end, so any retry of theirs would show as a third model call before it.
        using var cliproxy = run.App.CreateHttpClient("cliproxyapi", "http");
        using var marker = await cliproxy.GetAsync(new Uri("/v1/models", UriKind.Relative));
        var logs = await run.LogsUntilAsync("cliproxyapi", "GET /v1/models -> 401");
        Assert.Equal(2, logs.Count(line => line.Contains("POST /v1/", StringComparison.Ordinal)));
    }
}
