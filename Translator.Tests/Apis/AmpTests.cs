using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Apis;

/// <summary>The Amp CLI in classic mode: its model routes are translated, its own routes go to Amp.</summary>
public sealed class AmpTests : IAsyncLifetime
{
    private ScriptedUpstream _upstream = null!;
    private ScriptedUpstream _amp = null!;

    public async Task InitializeAsync()
    {
        _upstream = await ScriptedUpstream.StartAsync();
        _amp = await ScriptedUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _upstream.AssertNoViolations();
        await _upstream.DisposeAsync();
        await _amp.DisposeAsync();
    }

    [Fact]
    public async Task Answers_amps_anthropic_route_with_the_model_it_asked_for_and_signatures_on_every_block()
    {
        await using var app = App();
        var calls = new JsonArray(ToolCall("call_1", "read_file", """{"path":"a.txt"}"""));
        _upstream.Enqueue(UpstreamReply.Json(Completion(null, "tool_calls", calls, reasoningContent: "Need the file.")));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/api/provider/anthropic/v1/messages", Json("""
            {"model":"claude-sonnet-4-5-20250929","max_tokens":1000,"thinking":{"type":"auto"},
             "tools":[{"name":"read_file","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],
             "messages":[{"role":"user","content":"Read a.txt"}]}
            """));

        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("claude-sonnet-4-5-20250929", message.GetProperty("model").GetString());
        Assert.StartsWith("ccx1t.", message.GetProperty("content")[0].GetProperty("signature").GetString());
        Assert.Equal("tool_use", message.GetProperty("content")[1].GetProperty("type").GetString());
        Assert.Equal("", message.GetProperty("content")[1].GetProperty("signature").GetString());
        Assert.Equal("medium", _upstream.LastRequest.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task Streams_amps_anthropic_route_with_signatures_on_tool_use_blocks()
    {
        await using var app = App();
        _upstream.Enqueue(Stream(ReasoningChunk("Hmm."), ToolCallChunk(0, "call_1", "read_file", """{"path":"a.txt"}"""), FinishChunk("tool_calls"), UsageChunk(10, 5)));
        using var http = app.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/provider/anthropic/v1/messages")
        {
            Content = Json("""{"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Read a.txt"}]}"""),
        };

        using var response = await http.SendAsync(request);
        var events = AnthropicEvents.Parse(await response.Content.ReadAsStringAsync());

        AnthropicEvents.AssertGrammar(events);
        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Data.GetProperty("content_block")).ToList();
        Assert.All(starts, block => Assert.Equal("", block.GetProperty("signature").GetString()));
        Assert.Equal("claude-sonnet-4-5", events[0].Data.GetProperty("message").GetProperty("model").GetString());
    }

    [Fact]
    public async Task Counts_tokens_on_amps_route()
    {
        await using var app = App();
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/api/provider/anthropic/v1/messages/count_tokens", Json("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hello world"}]}"""));

        Assert.Equal(3 + 3 + 1 + 2, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("input_tokens").GetInt64());
    }

    [Theory]
    [InlineData("/api/internal?getUserInfo")]
    [InlineData("/api/threads/T-123")]
    [InlineData("/auth/cli-login?authToken=abc")]
    [InlineData("/threads/T-123")]
    [InlineData("/news.rss")]
    public async Task Sends_amps_own_routes_to_amp_with_the_clients_credentials_when_nothing_replaces_them(string path)
    {
        await using var app = App();
        _amp.EnqueueOther(UpstreamReply.Json("""{"ok":true}"""));
        using var http = app.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "amp-user-key");

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_amp.OtherRequests);
        Assert.Equal(path, forwarded.PathAndQuery);
        Assert.Equal("Bearer amp-user-key", forwarded.Headers["Authorization"]);
        Assert.Empty(_upstream.OtherRequests);
    }

    [Fact]
    public async Task Replaces_the_clients_credentials_with_the_configured_amp_key()
    {
        await using var app = App(("Translator:Amp:ApiKey", "configured-amp-key"), ("Translator:Auth:ApiKeys:0", "translator-key"));
        _amp.EnqueueOther(UpstreamReply.Json("""{"ok":true}"""));
        using var http = app.CreateHttpClient();
        http.DefaultRequestHeaders.Add("x-api-key", "translator-key");

        using var response = await http.PostAsync("/api/telemetry", Json("[]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_amp.OtherRequests);
        Assert.Equal("Bearer configured-amp-key", forwarded.Headers["Authorization"]);
        Assert.False(forwarded.Headers.ContainsKey("x-api-key"));
    }

    [Fact]
    public async Task Never_sends_the_translators_own_key_to_amp()
    {
        await using var app = App(("Translator:Auth:ApiKeys:0", "translator-key"));
        _amp.EnqueueOther(UpstreamReply.Json("""{"ok":true}"""));
        using var http = app.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "translator-key");

        await http.GetAsync("/api/user");

        var forwarded = Assert.Single(_amp.OtherRequests);
        Assert.False(forwarded.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Sends_amp_its_own_host_not_the_clients()
    {
        await using var app = App();
        _amp.EnqueueOther(UpstreamReply.Json("""{"ok":true}"""));
        using var http = app.CreateHttpClient();

        await http.GetAsync("/api/internal?getUserInfo");

        Assert.Equal(AmpAuthority, Assert.Single(_amp.OtherRequests).Headers["Host"]);
    }

    [Fact]
    public async Task Sends_native_amps_actor_routes_to_amp_and_says_once_that_amp_serves_them()
    {
        await using var app = App();
        _amp.EnqueueOther(UpstreamReply.Json("""{"ok":true}"""));
        _amp.EnqueueOther(UpstreamReply.Json("""{"ok":true}"""));
        using var http = app.CreateHttpClient();

        using var first = await http.PostAsync("/actors/gateway/x", Json("{}"));
        using var second = await http.GetAsync("/actors/gateway/x?since=1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["/actors/gateway/x", "/actors/gateway/x?since=1"], _amp.OtherRequests.Select(r => r.PathAndQuery));
        Assert.Empty(_upstream.OtherRequests);
        Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Id == 31);
    }

    [Fact]
    public async Task Forwards_a_websocket_on_amps_actor_routes_to_amp()
    {
        await using var app = App();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri("ws" + app.BaseUrl["http".Length..] + "/actors/gateway/T-1"), limit.Token);
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, limit.Token);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, limit.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);

        Assert.Equal("ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
        var upgrade = Assert.Single(_amp.OtherRequests);
        Assert.Equal("/actors/gateway/T-1", upgrade.PathAndQuery);
        Assert.Equal(AmpAuthority, upgrade.Headers["Host"]);
        Assert.Empty(_upstream.OtherRequests);
    }

    private string AmpAuthority => new Uri(_amp.BaseUrl).Authority;

    private TranslatorApp App(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Translator:Amp:UpstreamUrl"] = _amp.BaseUrl[..^"/v1".Length] };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new TranslatorApp(_upstream.BaseUrl, all);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
