using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Apis;

/// <summary>What the service defaults and the upstream client promise: probes, no retries, no short timeouts.</summary>
public sealed class HostingTests(TranslatorFixture fixture) : IClassFixture<TranslatorFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = Reset(fixture.Upstream);

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Answers_health_probes_in_every_environment(string path)
    {
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Never_retries_a_post_that_reached_the_upstream(int status)
    {
        _upstream.Enqueue(UpstreamReply.Error(status, "busy"));
        _upstream.Enqueue(UpstreamReply.Json(Completion("second attempt")));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Single(_upstream.Requests);
        _upstream.Reset();
    }

    [Fact]
    public async Task Waits_for_an_answer_longer_than_the_standard_resilience_timeouts()
    {
        // The standard handler would give up after a 10 s attempt; a GPT-5 answer can take minutes.
        _upstream.Enqueue(new DelayedReply(TimeSpan.FromSeconds(11), Completion("Thought hard.")));
        var client = fixture.App.CreateAnthropicClient();

        var message = await client.Messages.Create(Requests.Params(Requests.Simple()));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Thought hard.", text.Text);
    }

    [Fact]
    public void The_upstream_client_carries_no_resilience_handler()
    {
        var factory = fixture.App.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var handler = factory.CreateHandler("UpstreamClient");

        var names = new List<string>();
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            names.Add(current.GetType().Name);
        }

        Assert.DoesNotContain(names, n => n.Contains("Resilience", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("ServiceDiscovery", StringComparison.Ordinal) || n.Contains("ResolvingHttp", StringComparison.Ordinal));
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static ScriptedUpstream Reset(ScriptedUpstream upstream)
    {
        upstream.Reset();
        return upstream;
    }

    private sealed class DelayedReply(TimeSpan delay, string body) : UpstreamReply
    {
        protected override async Task ServeCoreAsync(HttpContext context)
        {
            await Task.Delay(delay, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }
}
