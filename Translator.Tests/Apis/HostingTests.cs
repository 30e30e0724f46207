using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Translator.Api.Forwarding;
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

    public static TheoryData<int, string?> FailuresNotRetried => new()
    {
        { 500, null },
        { 504, null },
        { 400, null },
        { 429, null },
        { 429, "30" },
    };

    [Theory]
    [MemberData(nameof(FailuresNotRetried))]
    public async Task Never_retries_a_post_the_model_may_have_seen_or_a_long_rate_limit(int status, string? retryAfter)
    {
        var headers = retryAfter is null ? [] : new[] { ("retry-after", retryAfter) };
        _upstream.Enqueue(UpstreamReply.Error(status, "failed", "failed", headers));
        _upstream.Enqueue(UpstreamReply.Json(Completion("second attempt")));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Single(_upstream.Requests);
        _upstream.Reset();
    }

    public static TheoryData<int, string?, bool> FailuresRetriedOnce => new()
    {
        { 503, null, false },
        { 502, null, false },
        { 429, "1", false },
        { 503, null, true },
    };

    [Theory]
    [MemberData(nameof(FailuresRetriedOnce))]
    public async Task Retries_once_what_never_reached_the_model(int status, string? retryAfter, bool stream)
    {
        var headers = retryAfter is null ? [] : new[] { ("retry-after", retryAfter) };
        _upstream.Enqueue(UpstreamReply.Error(status, "busy", "busy", headers));
        _upstream.Enqueue(stream ? Stream(TextChunk("second attempt"), FinishChunk("stop"), UsageChunk(3, 2)) : UpstreamReply.Json(Completion("second attempt")));
        var client = fixture.App.CreateAnthropicClient();

        var message = stream
            ? await global::Anthropic.SseAggregatorExtensions.Aggregate(client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))))
            : await client.Messages.Create(Requests.Params(Requests.Simple()));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("second attempt", text.Text);
        Assert.Equal(2, _upstream.Requests.Count);
    }

    [Fact]
    public async Task Gives_up_after_two_attempts()
    {
        _upstream.Enqueue(UpstreamReply.Error(503, "down", "down"));
        _upstream.Enqueue(UpstreamReply.Error(503, "still down", "down"));
        _upstream.Enqueue(UpstreamReply.Json(Completion("third attempt")));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Contains("still down", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, _upstream.Requests.Count);
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
    public void The_upstream_client_has_no_resilience_handler_its_retries_are_its_own()
    {
        var factory = fixture.App.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var handler = factory.CreateHandler(UpstreamClient.HttpClientName);

        var names = new List<string>();
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            names.Add(current.GetType().Name);
        }

        // The standard handler is removed; UpstreamClient runs UpstreamRetryPolicy's pipeline itself.
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
