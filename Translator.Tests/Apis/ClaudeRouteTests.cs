using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// A model routed to <c>claude</c> is served untranslated by CLIProxyAPI's Anthropic endpoint: the
/// client's body (only <c>model</c> set to the target's), its <c>anthropic-*</c> and Claude Code
/// session headers, the upstream key for the client's; Claude's answer back byte for byte.
/// </summary>
public sealed class ClaudeRouteTests : IClassFixture<ClaudeRouteTests.Fixture>, IDisposable
{
    private const string RecordedRequest = "claude-code-2.1.332-request-first-turn.json";

    private readonly Fixture _fixture;
    private readonly ScriptedUpstream _upstream;

    public ClaudeRouteTests(Fixture fixture)
    {
        _fixture = fixture;
        _upstream = fixture.Upstream;
        _upstream.Reset();
    }

    public sealed class Fixture : TranslatorFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Models:Map:claude-opus-5-5"] = "claude",
            ["Translator:Models:Map:claude-route-alias"] = "claude:claude-opus-4-5-20251101",
        };
    }

    public void Dispose() => _upstream.AssertNoViolations();

    [Fact]
    public async Task A_streamed_request_reaches_claude_as_the_client_sent_it_and_its_events_come_back_byte_for_byte()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Stream("anthropic-stream-thinking-text.sse"));
        var body = RecordedFixtures.RequestBody(RecordedRequest);
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.SendAsync(ClaudeCodeRequest(body), HttpCompletionOption.ResponseHeadersRead);
        var received = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RecordedFixtures.Text("anthropic-stream-thinking-text.sse").Replace("\r\n", "\n", StringComparison.Ordinal), received);
        var sent = Assert.Single(_upstream.AnthropicRequests);
        Assert.Equal("/v1/messages?beta=true", sent.PathAndQuery);
        Assert.Equal(body, sent.Body);
        Assert.Equal("claude:claude-opus-5-5", response.Headers.GetValues("x-upstream-model").Single());
    }

    [Fact]
    public async Task The_clients_anthropic_and_session_headers_go_on_and_its_key_is_replaced_by_the_upstream_key()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Stream("anthropic-stream-thinking-text.sse"));
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.SendAsync(ClaudeCodeRequest(RecordedFixtures.RequestBody(RecordedRequest)));

        var headers = Assert.Single(_upstream.AnthropicRequests).Headers;
        var recorded = RecordedFixtures.Json(RecordedRequest).GetProperty("headers");
        foreach (var name in new[] { "anthropic-version", "anthropic-beta", "anthropic-dangerous-direct-browser-access", "x-claude-code-session-id" })
        {
            Assert.Equal(recorded.GetProperty(name).GetString(), headers[name]);
        }

        Assert.Equal("Bearer upstream-secret-key", headers["Authorization"]);
        Assert.False(headers.ContainsKey("x-api-key"));
        Assert.DoesNotContain(headers.Values, v => v.Contains("sk-ant-client-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claude_target_with_its_own_name_changes_only_the_model_of_the_body()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Stream("anthropic-stream-thinking-text.sse"));
        var body = RecordedFixtures.RequestBody(RecordedRequest);
        var aliased = body.Replace("\"model\":\"claude-opus-5-5\"", "\"model\":\"claude-route-alias\"", StringComparison.Ordinal);
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.SendAsync(ClaudeCodeRequest(aliased));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Replace("\"model\":\"claude-opus-5-5\"", "\"model\":\"claude-opus-4-5-20251101\"", StringComparison.Ordinal), Assert.Single(_upstream.AnthropicRequests).Body);
    }

    [Fact]
    public async Task The_official_sdk_reads_claudes_stream_and_complete_answer_as_claude_sent_them()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Stream("anthropic-stream-thinking-text.sse"));
        _upstream.EnqueueAnthropic(AnthropicReplies.Message("anthropic-message-thinking-text.json"));
        var client = _fixture.App.CreateAnthropicClient();

        var streamed = await client.Messages.CreateStreaming(Requests.Params(Requests.Simple(model: "claude-opus-5-5", stream: true))).Aggregate();
        var whole = await client.Messages.Create(Requests.Params(Requests.Simple(model: "claude-opus-5-5")));

        Assert.Equal(TextOf(RecordedFixtures.DataPayloads("anthropic-stream-thinking-text.sse")), Text(streamed));
        Assert.Equal(RecordedFixtures.Json("anthropic-message-thinking-text.json").GetProperty("content")[1].GetProperty("text").GetString(), Text(whole));
        Assert.All(_upstream.AnthropicRequests, r => Assert.Equal("claude-opus-5-5", JsonDocument.Parse(r.Body).RootElement.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task A_complete_answer_comes_back_as_claude_sent_it_with_the_headers_its_clients_read()
    {
        _upstream.EnqueueAnthropic(AnthropicReplies.Message("anthropic-message-thinking-text.json", ("request-id", "req_011CClaude"), ("anthropic-ratelimit-requests-remaining", "99"), ("x-internal-hop", "no")));
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.SendAsync(ClaudeCodeRequest(Requests.Simple(model: "claude-opus-5-5")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RecordedFixtures.Text("anthropic-message-thinking-text.json"), await response.Content.ReadAsStringAsync());
        Assert.Equal("req_011CClaude", response.Headers.GetValues("request-id").Single());
        Assert.Equal("99", response.Headers.GetValues("anthropic-ratelimit-requests-remaining").Single());
        Assert.False(response.Headers.Contains("x-internal-hop"));
    }

    [Fact]
    public async Task Count_tokens_on_a_claude_routed_model_is_claudes_own_count()
    {
        _upstream.EnqueueAnthropic(UpstreamReply.Json("""{"input_tokens":4321}"""));
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.SendAsync(CountRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4321, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("input_tokens").GetInt32());
        Assert.Equal("/v1/messages/count_tokens", Assert.Single(_upstream.AnthropicRequests).PathAndQuery);
    }

    [Fact]
    public async Task Count_tokens_falls_back_to_the_translators_count_when_claude_gives_none()
    {
        _upstream.EnqueueAnthropic(UpstreamReply.ResetBeforeHeaders());
        using var http = _fixture.App.CreateHttpClient();

        using var response = await http.SendAsync(CountRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("input_tokens").GetInt32() > 0);
        Assert.Contains(_fixture.App.Logs.GetSnapshot(), r => r.Id.Id == 113);
    }

    private static HttpRequestMessage ClaudeCodeRequest(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var header in RecordedFixtures.Json(RecordedRequest).GetProperty("headers").EnumerateObject())
        {
            if (header.Name.StartsWith("anthropic-", StringComparison.Ordinal) || header.Name.StartsWith("x-claude-code-", StringComparison.Ordinal))
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        request.Headers.TryAddWithoutValidation("x-api-key", "sk-ant-client-key");
        return request;
    }

    private static HttpRequestMessage CountRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages/count_tokens")
        {
            Content = new StringContent("""{"model":"claude-opus-5-5","messages":[{"role":"user","content":"How many tokens is this?"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private static string Text(Message message) => string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : string.Empty));

    private static string TextOf(IEnumerable<string> payloads) => string.Concat(payloads
        .Select(p => JsonDocument.Parse(p).RootElement)
        .Where(e => e.GetProperty("type").GetString() == "content_block_delta" && e.GetProperty("delta").GetProperty("type").GetString() == "text_delta")
        .Select(e => e.GetProperty("delta").GetProperty("text").GetString()));
}
