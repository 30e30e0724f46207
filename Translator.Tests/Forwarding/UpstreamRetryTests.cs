using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Translator.Api.Forwarding;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Forwarding;

/// <summary>
/// <see cref="UpstreamRetryPolicy"/> through the translator: what is retried once (what never reached
/// the model), what never is, and that the upstream client's retries are its only ones.
/// </summary>
public sealed class UpstreamRetryTests(TranslatorFixture fixture) : IClassFixture<TranslatorFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = Reset(fixture.Upstream);

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retries_a_rate_limit_with_a_short_retry_after_once_before_anything_reached_the_client(bool stream)
    {
        _upstream.Enqueue(UpstreamReply.Error(429, "Rate limit reached", "rate_limit_exceeded", ("retry-after", "1")));
        _upstream.Enqueue(stream ? Stream(TextChunk("Hi."), FinishChunk("stop"), UsageChunk(10, 2)) : UpstreamReply.Json(Completion("Hi.")));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(stream: stream), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hi.", body);
        Assert.Equal(2, _upstream.Requests.Count);
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
}
