using System.Runtime.Versioning;
using AppHost.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.Tests;

/// <summary>
/// A new user's first run: CLIProxyAPI not installed yet, then installed while the AppHost runs,
/// then no Codex login yet, then the dashboard's "Log in to Codex".
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FirstRunTests
{
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Starts_without_cliproxyapi_then_runs_it_once_installed_and_logged_in_from_the_dashboard()
    {
        var bin = Paths.TempDirectory("bin-").FullName;
        var command = Path.Combine(bin, "cli-proxy-api");
        var authDir = Paths.TempDirectory("cliproxyapi-auth-").FullName;
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(command, authDir), untilStarted: false);

        // Not installed: the AppHost runs, CLIProxyAPI is not started, says why and what to do, and the translator waits.
        var notStarted = await run.WaitForAsync("cliproxyapi", e => e.Snapshot.State?.Text == KnownResourceStates.NotStarted
            && e.Snapshot.Properties.Any(p => p.Name == "cliproxyapi.install"));
        Assert.Contains("was not found", notStarted.Snapshot.Properties.Single(p => p.Name == "cliproxyapi.install").Value?.ToString(), StringComparison.Ordinal);
        var hint = await run.LogsUntilAsync("cliproxyapi", "was not found");
        Assert.Contains(hint, line => line.Contains($"'{command}' was not found", StringComparison.Ordinal) && line.Contains("releases", StringComparison.Ordinal));
        await run.WaitForAsync("translator", e => e.Snapshot.State?.Text == KnownResourceStates.Waiting);

        // Installed while the AppHost runs, started from the dashboard: running, but not healthy without a login.
        await File.WriteAllTextAsync(command, $"#!/bin/sh\nexec '{Paths.StandIn}' \"$@\"\n");
        File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var started = await run.App.ResourceCommands.ExecuteCommandAsync("cliproxyapi", "resource-start");
        Assert.True(started.Success, started.Message);
        var noLogin = await run.WaitForAsync("cliproxyapi", e => e.Snapshot.State?.Text == KnownResourceStates.Running
            && e.Snapshot.HealthReports.Any(r => r.Name == "cliproxyapi-codex-login" && r.Status == HealthStatus.Unhealthy));
        Assert.Contains("No Codex login yet", noLogin.Snapshot.HealthReports.Single(r => r.Name == "cliproxyapi-codex-login").Description, StringComparison.Ordinal);
        Assert.Contains(run.Events, e => e.Event.Resource.Name == "translator" && e.Event.Snapshot.State?.Text == KnownResourceStates.Waiting);
        Assert.DoesNotContain(run.Events, e => e.Event.Resource.Name == "translator" && e.Event.Snapshot.State?.Text == KnownResourceStates.Running);

        // "Log in to Codex": the device link and code in the resource's logs, then healthy, and the translator answers.
        var login = await run.App.ResourceCommands.ExecuteCommandAsync("cliproxyapi", "codex-login");
        Assert.True(login.Success, login.Message);
        var logs = await run.LogsUntilAsync("cliproxyapi", "enter the code");
        Assert.Contains(logs, line => line.Contains("https://auth.openai.com/codex/device", StringComparison.Ordinal) && line.Contains("STND-1234", StringComparison.Ordinal));
        await run.WaitForHealthyAsync("cliproxyapi");
        await run.WaitForHealthyAsync("translator");
        var answer = await Messages.Client(run.App.GetEndpoint("translator", "http")).Messages.Create(Messages.Hello());
        Assert.Equal(Messages.StandInGreeting, Messages.TextOf(answer));
    }
}
