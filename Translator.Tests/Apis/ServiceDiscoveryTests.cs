using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Apis;

/// <summary>The translator as the AppHost starts it: the upstream named by service, resolved from configuration.</summary>
public sealed class ServiceDiscoveryTests
{
    [Fact]
    public async Task Resolves_the_upstream_by_service_name_as_the_apphost_wires_it()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        var address = upstream.BaseUrl[..^"/v1".Length];
        await using var app = new TranslatorApp("http://cliproxyapi/v1", new Dictionary<string, string?>
        {
            // What WithReference(cliproxy.GetEndpoint("http")) injects.
            ["services:cliproxyapi:http:0"] = address,
        });
        upstream.Enqueue(UpstreamReply.Json(Completion("via discovery")));

        var message = await app.CreateAnthropicClient().Messages.Create(Requests.Params(Requests.Simple()));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("via discovery", text.Text);

        // The passthrough resolves the same name.
        upstream.EnqueueOther(UpstreamReply.Json("""{"status":"ok"}"""));
        using var http = app.CreateHttpClient();
        Assert.Equal("""{"status":"ok"}""", await http.GetStringAsync("/healthz"));
        upstream.AssertNoViolations();
    }
}
