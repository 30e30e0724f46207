using System.Net;
using System.Text;
using Anthropic;
using AppHost.Tests.Infrastructure;

namespace AppHost.Tests;

/// <summary>
/// The real AppHost, with the CLIProxyAPI stand-in as its <c>CliProxyApi:Command</c> and a Codex
/// login in place: what a user who followed the quick start gets.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class RunningAppTests(RunningAppTests.Fixture fixture) : IClassFixture<RunningAppTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public static readonly TimeSpan HealthDelay = TimeSpan.FromSeconds(3);

        public AppHostRun Run { get; private set; } = null!;

        public OtlpReceiver Otlp { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Otlp = await OtlpReceiver.StartAsync();
            Run = await AppHostRun.StartAsync(new AppHostSettings(Paths.StandIn, Paths.AuthDirWithLogin(), Otlp.Url, CliProxyApiHealthyAfter: HealthDelay));
            await Run.WaitForHealthyAsync("cliproxyapi");
            await Run.WaitForHealthyAsync("translator");
        }

        public async Task DisposeAsync()
        {
            await Run.DisposeAsync();
            await Otlp.DisposeAsync();
        }
    }

    private AppHostRun Run => fixture.Run;

    [Fact]
    public void Both_resources_reach_running_and_healthy()
    {
        foreach (var name in new[] { "cliproxyapi", "translator" })
        {
            var last = Run.Events.Last(e => e.Event.Resource.Name == name).Event.Snapshot;
            Assert.Equal(KnownResourceStates.Running, last.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, last.HealthStatus);
        }
    }

    [Fact]
    public void The_translator_waits_for_cliproxyapi_to_be_healthy_before_it_starts()
    {
        var events = Run.Events.ToList();
        var cliproxyHealthy = events.First(e => e.Event.Resource.Name == "cliproxyapi" && e.Event.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy).At;
        var cliproxyRunning = events.First(e => e.Event.Resource.Name == "cliproxyapi" && e.Event.Snapshot.State?.Text == KnownResourceStates.Running).At;
        var translator = events.Where(e => e.Event.Resource.Name == "translator").ToList();

        // The stand-in answers /healthz only after a delay: a translator that did not wait would start in it.
        Assert.True(cliproxyHealthy - cliproxyRunning >= Fixture.HealthDelay * 0.8, $"cliproxyapi was running at {cliproxyRunning:O}, healthy at {cliproxyHealthy:O}");
        Assert.Contains(translator, e => e.Event.Snapshot.State?.Text == KnownResourceStates.Waiting && e.At < cliproxyHealthy);
        var translatorRunning = translator.First(e => e.Event.Snapshot.State?.Text == KnownResourceStates.Running).At;
        Assert.True(translatorRunning >= cliproxyHealthy, $"translator running at {translatorRunning:O}, cliproxyapi healthy at {cliproxyHealthy:O}");
    }

    [Fact]
    public async Task CliProxyApi_demands_the_secret_key_its_config_was_rendered_with()
    {
        var snapshot = Run.Events.Last(e => e.Event.Resource.Name == "cliproxyapi").Event.Snapshot;
        var args = ((System.Collections.IEnumerable)snapshot.Properties.Single(p => p.Name == "resource.appArgs").Value!).Cast<object>().Select(a => a.ToString()!).ToList();
        var config = await File.ReadAllTextAsync(args.SkipWhile(a => a != "--config").Skip(1).First());
        var key = await Run.CliProxyApiKeyAsync();
        Assert.Contains($"- \"{key}\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("${", config, StringComparison.Ordinal);

        using var http = Run.App.CreateHttpClient("cliproxyapi", "http");
        using var anonymous = await http.GetAsync("/v1/models");
        using var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", "Bearer not-the-key" } } });
        using var right = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", $"Bearer {key}" } } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task The_translator_points_users_at_its_published_endpoint_and_at_cliproxyapis()
    {
        var logs = await Run.LogsUntilAsync("translator", "ANTHROPIC_BASE_URL=");
        var ready = logs.Single(l => l.Contains("ANTHROPIC_BASE_URL=", StringComparison.Ordinal));
        var listening = logs.Single(l => l.Contains("Now listening on: ", StringComparison.Ordinal)).Split("Now listening on: ")[1].Trim();
        var published = Run.App.GetEndpoint("translator", "http").ToString().TrimEnd('/');
        var cliproxy = Run.App.GetEndpoint("cliproxyapi", "http").ToString().TrimEnd('/');

        // The AppHost's proxy publishes the translator on one port and forwards to another, its own per run.
        Assert.NotEqual(published, listening);
        Assert.Contains($"ANTHROPIC_BASE_URL={published},", ready, StringComparison.Ordinal);
        Assert.DoesNotContain(listening, ready, StringComparison.Ordinal);
        Assert.Contains($"Upstream: {cliproxy}/v1 ", ready, StringComparison.Ordinal);
        Assert.DoesNotContain("http://cliproxyapi", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_messages_through_the_translators_endpoint_whole_and_streamed()
    {
        var client = Messages.Client(Run.App.GetEndpoint("translator", "http"));

        var whole = await client.Messages.Create(Messages.Hello());
        var streamed = await client.Messages.CreateStreaming(Messages.Hello()).Aggregate();

        Assert.Equal(Messages.StandInGreeting, Messages.TextOf(whole));
        Assert.Equal(Messages.StandInGreeting, Messages.TextOf(streamed));
        Assert.Equal("end_turn", whole.StopReason?.Raw());
    }

    [Fact]
    public async Task Passes_routes_it_does_not_translate_through_to_cliproxyapi()
    {
        using var http = Run.App.CreateHttpClient("translator", "http");

        using var response = await http.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"gpt-5.5","messages":[{"role":"user","content":"Hello"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Messages.StandInGreeting, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_its_spans_and_metrics_to_the_otlp_endpoint_the_apphost_gives_it()
    {
        var client = Messages.Client(Run.App.GetEndpoint("translator", "http"));
        await client.Messages.Create(Messages.Hello("claude-haiku-4-5"));

        // The server span, the GenAI span and the upstream HTTP call, from the service the AppHost named.
        Assert.True(await fixture.Otlp.WaitForAsync("trace", TimeSpan.FromSeconds(30), "translator", "POST /v1/messages", "chat claude-haiku-4-5", "gen_ai.request.model"),
            "No trace export held the translator's spans: " + string.Join(" | ", fixture.Otlp.Received("trace").Select(p => p.Length)));
        Assert.True(await fixture.Otlp.WaitForAsync("metrics", TimeSpan.FromSeconds(30), "translator", "gen_ai.client.operation.duration", "translator.overhead"),
            "No metrics export held the translator's instruments");
    }
}
