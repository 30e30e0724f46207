using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Tests.Infrastructure;

/// <summary>How a test runs the real AppHost (Projects.AppHost, DCP and all).</summary>
/// <param name="Command">CliProxyApi:Command: the stand-in, or a path where nothing is (yet).</param>
/// <param name="AuthDir">CliProxyApi:AuthDir: CLIProxyAPI's login folder.</param>
/// <param name="OtlpEndpoint">The dashboard OTLP endpoint the AppHost hands its resources; a free port when null.</param>
/// <param name="Dashboard">Run the dashboard (with a browser token the test knows).</param>
/// <param name="CliProxyApiHealthyAfter">Hold the stand-in's /healthz back this long after it starts.</param>
/// <param name="Arrange">Changes to the AppHost's model or services before it is built.</param>
/// <param name="Configuration">More of the AppHost's own configuration (<c>Key=Value</c>), as a user sets it in user secrets.</param>
public sealed record AppHostSettings(
    string Command,
    string AuthDir,
    string? OtlpEndpoint = null,
    bool Dashboard = false,
    TimeSpan? CliProxyApiHealthyAfter = null,
    Action<IDistributedApplicationTestingBuilder>? Arrange = null,
    IReadOnlyList<string>? Configuration = null);

/// <summary>A started AppHost, every resource event it published recorded with when it came.</summary>
public sealed class AppHostRun : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private Task _starting = Task.CompletedTask;

    private AppHostRun(DistributedApplication app, string userSecretsId, string browserToken)
    {
        App = app;
        UserSecretsId = userSecretsId;
        BrowserToken = browserToken;
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(_stop.Token))
                {
                    Events.Enqueue((DateTime.UtcNow, resourceEvent));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public DistributedApplication App { get; }

    /// <summary>
    /// The user secrets store of this run's own, where the AppHost keeps the cliproxy-api-key it
    /// generates, as it does in the developer's store on a first <c>dotnet run</c>.
    /// </summary>
    public string UserSecretsId { get; }

    /// <summary>Where the dashboard listens: the port the orchestrator gave it in this run (known once it runs, before the AppHost has started every resource).</summary>
    public string DashboardUrl => ((IResourceWithEndpoints)App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "aspire-dashboard"))
        .GetEndpoint("http").Url.TrimEnd('/');

    public string BrowserToken { get; }

    public ConcurrentQueue<(DateTime At, ResourceEvent Event)> Events { get; } = new();

    /// <param name="untilStarted">
    /// Return once the AppHost has started every resource it starts by itself. A resource that
    /// waits for another (the translator for CLIProxyAPI's health) holds that moment back, so a
    /// test of a first run, where CLIProxyAPI waits for the user, returns at once instead.
    /// </param>
    public static async Task<AppHostRun> StartAsync(AppHostSettings settings, bool untilStarted = true)
    {
        var userSecretsId = $"claudecodex-apphost-tests-{Guid.NewGuid():N}";
        var browserToken = Guid.NewGuid().ToString("N");
        string[] args =
        [
            $"CliProxyApi:Command={settings.Command}",
            $"CliProxyApi:AuthDir={settings.AuthDir}",
            $"CliProxyApi:Port={Paths.FreePort()}",
            $"CliProxyApi:ConfigDir={Paths.TempDirectory("cliproxyapi-config-").FullName}",
            // No cliproxy-api-key: as in the quick start, the AppHost generates it.
            $"ASPIRE_USER_SECRETS_ID={userSecretsId}",
            // Ports of this run's own, so that runs never meet (the launch profile's are fixed).
            $"ASPNETCORE_URLS=http://127.0.0.1:{Paths.FreePort()}",
            $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={settings.OtlpEndpoint ?? $"http://127.0.0.1:{Paths.FreePort()}"}",
            $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{Paths.FreePort()}",
            $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{Paths.FreePort()}",
            "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            $"ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={browserToken}",
            .. settings.Configuration ?? [],
        ];

        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            args, (options, _) => options.DisableDashboard = !settings.Dashboard, timeout.Token);
        if (settings.CliProxyApiHealthyAfter is { } delay)
        {
            builder.CreateResourceBuilder<ExecutableResource>("cliproxyapi")
                .WithEnvironment("STANDIN_HEALTHY_AFTER_MS", ((int)delay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        settings.Arrange?.Invoke(builder);
        var app = await builder.BuildAsync(timeout.Token);
        var run = new AppHostRun(app, userSecretsId, browserToken);
        if (untilStarted)
        {
            await app.StartAsync(timeout.Token);
        }
        else
        {
            run._starting = app.StartAsync(run._stop.Token);
        }

        return run;
    }

    /// <summary>The cliproxy-api-key parameter's value: CLIProxyAPI demands it, the translator presents it.</summary>
    public async Task<string> CliProxyApiKeyAsync() => await WithTimeout(async token =>
        await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == "cliproxy-api-key").GetValueAsync(token))
        ?? throw new InvalidOperationException("The cliproxy-api-key parameter has no value.");

    public Task WaitForHealthyAsync(string resource) => WithTimeout(token => App.ResourceNotifications.WaitForResourceHealthyAsync(resource, token));

    public Task<ResourceEvent> WaitForAsync(string resource, Func<ResourceEvent, bool> predicate) =>
        WithTimeout(token => App.ResourceNotifications.WaitForResourceAsync(resource, predicate, token));

    /// <summary>The resource's log lines so far (and any that come within the wait), until one contains the text.</summary>
    public async Task<List<string>> LogsUntilAsync(string resource, string text)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        try
        {
            // By the resource, not its name: the logs are kept under the names the orchestrator gave its replicas.
            var model = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
            await foreach (var batch in logs.WatchAsync(model).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
                if (lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        await _starting.ContinueWith(_ => { }, TaskScheduler.Default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
        _stop.Dispose();
        var secrets = Path.GetDirectoryName(PathHelper.GetSecretsPathFromSecretsId(UserSecretsId))!;
        if (Directory.Exists(secrets))
        {
            Directory.Delete(secrets, recursive: true);
        }
    }

    private static async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> wait)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        return await wait(timeout.Token);
    }
}
