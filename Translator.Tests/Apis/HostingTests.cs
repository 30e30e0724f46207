using System.Net;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Apis;

/// <summary>What the service defaults and the upstream client promise: probes, no short timeouts.</summary>
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
