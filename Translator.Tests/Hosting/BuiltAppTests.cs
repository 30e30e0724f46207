using System.Net;
using System.Text;
using Anthropic;
using Anthropic.Core;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Hosting;

/// <summary>
/// The built app, as a process, does what the in-process suites check: a translated call both
/// ways and in both protocols, a token count from the vocabulary it carries, a passthrough. Run
/// against the Native AOT binary (<see cref="BuiltTranslator.ExecutableVariable"/>), these are
/// what a trimmed-away converter, type or resource would fail.
/// </summary>
[Trait("Category", BuiltTranslator.Category)]
public sealed class BuiltAppTests : IAsyncLifetime
{
    private ScriptedUpstream _upstream = null!;

    public static TheoryData<string, bool> Calls => new()
    {
        { "chat", false },
        { "chat", true },
        { "responses", false },
        { "responses", true },
    };

    public async Task InitializeAsync() => _upstream = await ScriptedUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task The_built_app_translates_a_call(string protocol, bool stream)
    {
        var dialect = UpstreamDialect.Of(protocol);
        var answer = new Answer("Bonjour.", Input: 21, Output: 3);
        _upstream.Enqueue(stream ? dialect.Stream(answer) : dialect.Complete(answer));
        await using var app = await StartAsync(protocol);
        var client = Client(app);

        var message = await app.CallAsync(() => stream
            ? client.Messages.CreateStreaming(Requests.Params(Requests.Simple("Say hello in French.", stream: true))).Aggregate()
            : client.Messages.Create(Requests.Params(Requests.Simple("Say hello in French."))));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Bonjour.", text.Text);
        Assert.Equal(3, message.Usage.OutputTokens);
        Assert.Contains("Say hello in French.", Assert.Single(_upstream.Requests).GetRawText());
        Assert.Empty(_upstream.Violations);
    }

    [Fact]
    public async Task The_built_app_counts_tokens_with_the_vocabulary_it_carries()
    {
        await using var app = await StartAsync("chat");
        var body = """{"model":"claude-sonnet-4-5","system":"You are terse.\n\nAnswer in French.","messages":[{"role":"user","content":"Hello world"}]}""";

        var count = await app.CallAsync(() => Client(app).Messages.CountTokens(Requests.CountParams(body)));

        // As CountTokensAndModelsTests counts it in process: the framing and o200k_base's tokens.
        Assert.Equal(3 + (3 + 1 + 8) + (3 + 1 + 2), count.InputTokens);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task The_built_app_passes_other_routes_through_to_the_upstream_with_its_key()
    {
        _upstream.EnqueueOther(UpstreamReply.Json("""{"object":"list","data":[]}"""));
        await using var app = await StartAsync("chat");
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var response = await app.CallAsync(() => http.PostAsync("/v1/embeddings", new StringContent("""{"input":"hi"}""", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"object":"list","data":[]}""", await response.Content.ReadAsStringAsync());
        var forwarded = Assert.Single(_upstream.OtherRequests);
        Assert.Equal("/v1/embeddings", forwarded.PathAndQuery);
        Assert.Equal("Bearer upstream-secret-key", forwarded.Headers["Authorization"]);
    }

    private Task<BuiltTranslator> StartAsync(string protocol) => BuiltTranslator.StartAsync(new Dictionary<string, string>
    {
        ["Translator__Upstream__BaseUrl"] = _upstream.BaseUrl,
        ["Translator__Upstream__ApiKey"] = "upstream-secret-key",
        ["Translator__Upstream__Protocol"] = protocol,
        // As TranslatorApp: a complete call gets the complete answer scripted for it.
        ["Translator__Upstream__AlwaysStream"] = "false",
    });

    private static AnthropicClient Client(BuiltTranslator app) => new(new ClientOptions
    {
        BaseUrl = app.BaseUrl,
        ApiKey = "sk-ant-client-key",
        ResponseValidation = true,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(60),
    });
}
