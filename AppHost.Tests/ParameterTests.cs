using System.Text.Json;
using System.Text.RegularExpressions;
using AppHost.Tests.Infrastructure;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace AppHost.Tests;

/// <summary>
/// The AppHost's parameters: the quick start is one command (<c>dotnet run --project AppHost</c>),
/// and a parameter that still has no value is named on the console with the command that sets it.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class ParameterTests
{
    [Fact]
    public async Task Runs_with_no_key_configured_on_one_it_generates_and_keeps_in_user_secrets_for_the_next_run()
    {
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(Paths.StandIn, Paths.AuthDirWithLogin()));
        await run.WaitForHealthyAsync("translator");

        // CLIProxyAPI demands the generated key and the translator presents it: a call through both succeeds.
        var answer = await Messages.Client(run.App.GetEndpoint("translator", "http")).Messages.Create(Messages.Hello());
        Assert.Equal(Messages.StandInGreeting, Messages.TextOf(answer));

        // Letters and digits only: written as is into CLIProxyAPI's YAML and sent in a header.
        var key = await run.CliProxyApiKeyAsync();
        Assert.Matches(KeyShape(), key);

        // Kept in the AppHost's user secrets, from which the next run takes it instead of generating another.
        using var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(PathHelper.GetSecretsPathFromSecretsId(run.UserSecretsId)));
        Assert.Equal(key, secrets.RootElement.GetProperty("Parameters:cliproxy-api-key").GetString());
        Assert.Equal(key, await NextRunsKeyAsync(run.UserSecretsId));
    }

    [Fact]
    public async Task Names_a_parameter_without_a_value_on_the_console_with_the_command_that_sets_it()
    {
        await using var run = await AppHostRun.StartAsync(new AppHostSettings(Paths.StandIn, Paths.AuthDirWithLogin(), Arrange: builder =>
        {
            // As the cliproxy-api-key would be without its generated default: no value and no default.
            builder.AddParameter("upstream-api-key", secret: true);
            builder.Services.AddFakeLogging();
        }), untilStarted: false);

        await run.WaitForAsync("upstream-api-key", e => e.Snapshot.State?.Text == KnownResourceStates.ValueMissing);
        var line = await FirstLogAsync(run, r => r.Category == "AppHost.Parameters");

        var project = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetDirectoryName(Paths.AppHostProject)!);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.StartsWith($"Parameter \"upstream-api-key\" is missing: dotnet user-secrets set Parameters:upstream-api-key <value> --project {project} ", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.App.Services.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains("cliproxy-api-key", StringComparison.Ordinal));
    }

    /// <summary>What a second <c>dotnet run</c> on this machine resolves the key to: the AppHost built, not started.</summary>
    private static async Task<string?> NextRunsKeyAsync(string userSecretsId)
    {
        using var timeout = new CancellationTokenSource(AppHostRun.StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"ASPIRE_USER_SECRETS_ID={userSecretsId}", $"CliProxyApi:ConfigDir={Paths.TempDirectory("cliproxyapi-config-").FullName}"],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == "cliproxy-api-key");
        return await parameter.GetValueAsync(timeout.Token);
    }

    private static async Task<FakeLogRecord> FirstLogAsync(AppHostRun run, Func<FakeLogRecord, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(AppHostRun.StartTimeout);
        await foreach (var record in run.App.Services.GetFakeLogCollector().GetLogsAsync(timeout.Token))
        {
            if (predicate(record))
            {
                return record;
            }
        }

        throw new InvalidOperationException("The log ended.");
    }

    [GeneratedRegex("^[A-Za-z0-9]{32}$")]
    private static partial Regex KeyShape();
}
