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
        // Short enough for the resource list's cell; the long explanation is a property of the resource's details.
        Assert.Equal("No Codex login: press Log in to Codex", noLogin.Snapshot.HealthReports.Single(r => r.Name == "cliproxyapi-codex-login").Description);
        var help = noLogin.Snapshot.Properties.Single(p => p.Name == "cliproxyapi.codex-login");
        Assert.True(help.IsHighlighted);
        Assert.Contains($"`{command} --codex-device-login --no-browser`", help.Value?.ToString(), StringComparison.Ordinal);

        // Without a login, "Log in to Codex" is highlighted (a button on the resource's row, its description as tooltip).
        var highlighted = Command(noLogin, "codex-login");
        Assert.Equal(("Log in to Codex", true, ResourceCommandState.Enabled), (highlighted.DisplayName, highlighted.IsHighlighted, highlighted.State));
        Assert.StartsWith("Log in to Codex: ", highlighted.DisplayDescription, StringComparison.Ordinal);
        Assert.Equal(ResourceCommandState.Hidden, Command(noLogin, "codex-login-again").State);
        Assert.Contains(run.Events, e => e.Event.Resource.Name == "translator" && e.Event.Snapshot.State?.Text == KnownResourceStates.Waiting);
        Assert.DoesNotContain(run.Events, e => e.Event.Resource.Name == "translator" && e.Event.Snapshot.State?.Text == KnownResourceStates.Running);

        // "Log in to Codex": the device link and code in the resource's logs, then healthy, and the translator answers.
        var login = await run.App.ResourceCommands.ExecuteCommandAsync("cliproxyapi", "codex-login");
        Assert.True(login.Success, login.Message);
        var logs = await run.LogsUntilAsync("cliproxyapi", "enter the code");
        Assert.Contains(logs, line => line.Contains("https://auth.openai.com/codex/device", StringComparison.Ordinal) && line.Contains("STND-1234", StringComparison.Ordinal));
        await run.WaitForHealthyAsync("cliproxyapi");
        await run.WaitForHealthyAsync("translator");

        // Logged in: the same command, no longer highlighted, in the resource's menu (for another account, or a revoked login).
        var loggedIn = await run.WaitForAsync("cliproxyapi", e => Command(e, "codex-login").State == ResourceCommandState.Hidden);
        var again = Command(loggedIn, "codex-login-again");
        Assert.Equal(("Log in to Codex", false, ResourceCommandState.Enabled), (again.DisplayName, again.IsHighlighted, again.State));
        var answer = await Messages.Client(run.App.GetEndpoint("translator", "http")).Messages.Create(Messages.Hello());
        Assert.Equal(Messages.StandInGreeting, Messages.TextOf(answer));
    }

    private static ResourceCommandSnapshot Command(ResourceEvent resourceEvent, string name) => resourceEvent.Snapshot.Commands.Single(c => c.Name == name);
}
