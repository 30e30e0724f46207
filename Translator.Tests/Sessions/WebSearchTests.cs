using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ResponsesReplies;

namespace Translator.Tests.Sessions;

/// <summary>
/// Claude Code's WebSearch tool sends its own request with Anthropic's server tool
/// <c>web_search_20250305</c>; the answer must come back exactly as Anthropic's, whichever
/// protocol the translator is configured for, since only the Responses API searches.
/// </summary>
public sealed class WebSearchTests(WebSearchTests.Fixture fixture) : IClassFixture<WebSearchTests.Fixture>, IDisposable
{
    private const string Answer = "Aspire 13.6 adds a new dashboard. It ships with .NET 10.";

    private static readonly string[] Pages = ["https://learn.example.com/aspire/whats-new", "https://blog.example.org/aspire-13-6"];

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture;

    public static TheoryData<string, bool> ConfiguredProtocolsAndModes => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(ConfiguredProtocolsAndModes))]
    public async Task Answers_the_recorded_websearch_request_as_anthropic_does_over_the_responses_api(string configured, bool stream)
    {
        List<Item> answer =
        [
            new WebSearchCall("ws_1", "aspire 13.6 release notes", Pages),
            new Message(Answer, [new Citation(0, 33, Pages[0], "What's new in Aspire 13.6"), new Citation(34, 56, Pages[1], "Aspire 13.6 is out")]),
        ];
        _upstream.Enqueue(stream ? Stream(answer, input: 900, output: 40) : UpstreamReply.Json(Complete(answer, input: 900, output: 40)));
        var client = fixture.AppFor(UpstreamDialect.Of(configured)).CreateAnthropicClient();
        var body = Recorded(stream);

        var message = stream
            ? await client.Messages.CreateStreaming(Requests.Params(body)).Aggregate()
            : await client.Messages.Create(Requests.Params(body));

        // What went upstream: the Responses API's hosted search, asked for the pages it read.
        var sent = _upstream.LastRequest;
        Assert.True(sent.TryGetProperty("input", out _), "the request went to /responses");
        Assert.Equal("""[{"type":"web_search"}]""", sent.GetProperty("tools").GetRawText());
        Assert.Equal(8, sent.GetProperty("max_tool_calls").GetInt32());
        Assert.Contains("web_search_call.action.sources", sent.GetProperty("include").EnumerateArray().Select(i => i.GetString()));

        // What came back: Anthropic's blocks, checked by the official SDK's schema validation and here.
        var json = JsonDocument.Parse(JsonSerializer.Serialize(message)).RootElement;
        var content = json.GetProperty("content");
        // Complete: each cited passage a text block of its own; streamed: one text block, its citations as citations_delta.
        string[] texts = stream ? ["text"] : ["text", "text", "text"];
        Assert.Equal(["server_tool_use", "web_search_tool_result", .. texts], content.EnumerateArray().Select(b => b.GetProperty("type").GetString()!));
        Assert.Equal("srvtoolu_ws_1", content[0].GetProperty("id").GetString());
        Assert.Equal("web_search", content[0].GetProperty("name").GetString());
        Assert.Equal("aspire 13.6 release notes", content[0].GetProperty("input").GetProperty("query").GetString());
        Assert.Equal("srvtoolu_ws_1", content[1].GetProperty("tool_use_id").GetString());
        Assert.Equal(Pages, content[1].GetProperty("content").EnumerateArray().Select(r => r.GetProperty("url").GetString()!));
        Assert.All(content[1].GetProperty("content").EnumerateArray(), r => Assert.Equal("web_search_result", r.GetProperty("type").GetString()));
        Assert.Equal(Answer, string.Concat(content.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString())));
        var citations = content.EnumerateArray().Where(b => b.TryGetProperty("citations", out var c) && c.ValueKind == JsonValueKind.Array).SelectMany(b => b.GetProperty("citations").EnumerateArray()).ToList();
        Assert.Equal(Pages, citations.Select(c => c.GetProperty("url").GetString()!));
        Assert.All(citations, c => Assert.Equal("web_search_result_location", c.GetProperty("type").GetString()));
        Assert.Equal("Aspire 13.6 adds a new dashboard.", citations[0].GetProperty("cited_text").GetString());
        Assert.Equal("What's new in Aspire 13.6", citations[0].GetProperty("title").GetString());
        Assert.Equal(1, json.GetProperty("usage").GetProperty("server_tool_use").GetProperty("web_search_requests").GetInt32());
        Assert.Equal("end_turn", json.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Streams_the_search_in_anthropics_order_call_then_its_input_then_the_results_whole_then_cited_text()
    {
        _upstream.Enqueue(Stream([new WebSearchCall("ws_1", "aspire", Pages), new Message(Answer, [new Citation(0, 33, Pages[0], "What's new")])]));
        using var http = fixture.AppFor(UpstreamDialect.Chat).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Recorded(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        var lines = AnthropicEvents.Lines(events);
        Assert.Equal("content_block_start 0 server_tool_use", lines[1]);
        Assert.Equal(AnthropicEvent.Delta(0, "input_json_delta", """{"query":"aspire"}"""), lines[2]);
        Assert.Equal(["content_block_stop 0", "content_block_start 1 web_search_tool_result", "content_block_stop 1", "content_block_start 2 text"], lines[3..7]);
        Assert.Contains(events, e => e.DeltaType == "citations_delta" && e.Data.GetProperty("delta").GetProperty("citation").GetProperty("url").GetString() == Pages[0]);
        Assert.Equal(1, events.Single(e => e.Name == "message_delta").Data.GetProperty("usage").GetProperty("server_tool_use").GetProperty("web_search_requests").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Answers_a_failed_search_with_a_web_search_tool_result_error(bool stream)
    {
        List<Item> answer = [new WebSearchCall("ws_9", "anything", [], Failed: true), new Message("The search failed.")];
        _upstream.Enqueue(stream ? Stream(answer) : UpstreamReply.Json(Complete(answer)));
        var client = fixture.AppFor(UpstreamDialect.Responses).CreateAnthropicClient();

        var message = stream
            ? await client.Messages.CreateStreaming(Requests.Params(Recorded(stream))).Aggregate()
            : await client.Messages.Create(Requests.Params(Recorded(stream)));

        var result = JsonDocument.Parse(JsonSerializer.Serialize(message)).RootElement.GetProperty("content")[1];
        Assert.Equal("web_search_tool_result", result.GetProperty("type").GetString());
        Assert.Equal("""{"type":"web_search_tool_result_error","error_code":"unavailable"}""", result.GetProperty("content").GetRawText());
    }

    [Theory]
    [MemberData(nameof(ConfiguredProtocolsAndModes))]
    public async Task Carries_an_earlier_search_back_upstream_as_the_call_it_was(string configured, bool stream)
    {
        _upstream.Enqueue(stream ? Stream([new Message("You're welcome.")]) : UpstreamReply.Json(Complete([new Message("You're welcome.")])));
        var client = fixture.AppFor(UpstreamDialect.Of(configured)).CreateAnthropicClient();
        var body = JsonNode.Parse(Recorded(stream))!.AsObject();
        body["messages"]!.AsArray().Add(JsonNode.Parse($$$"""
            {"role":"assistant","content":[
              {"type":"server_tool_use","id":"srvtoolu_ws_1","name":"web_search","input":{"query":"aspire"}},
              {"type":"web_search_tool_result","tool_use_id":"srvtoolu_ws_1","content":[{"type":"web_search_result","url":"{{{Pages[0]}}}","title":"What's new","encrypted_content":"abc","page_age":null}]},
              {"type":"text","text":"Aspire 13.6 adds a new dashboard.","citations":[{"type":"web_search_result_location","url":"{{{Pages[0]}}}","title":"What's new","encrypted_index":"xyz","cited_text":"Aspire 13.6 adds a new dashboard."}]}]}
            """));
        body["messages"]!.AsArray().Add(JsonNode.Parse("""{"role":"user","content":"Thanks!"}"""));

        var message = stream
            ? await client.Messages.CreateStreaming(Requests.Params(body.ToJsonString())).Aggregate()
            : await client.Messages.Create(Requests.Params(body.ToJsonString()));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("You're welcome.", text.Text);
        var input = _upstream.LastRequest.GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(["message", "web_search_call", "message", "message"], input.Select(i => i.GetProperty("type").GetString()!));
        Assert.Equal("""{"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"search","query":"aspire"}}""", input[1].GetRawText());
        Assert.Equal("Aspire 13.6 adds a new dashboard.", input[2].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Passes_the_domains_and_location_on_to_the_hosted_search()
    {
        _upstream.Enqueue(UpstreamReply.Json(Complete([new Message("Ok.")])));
        using var http = fixture.AppFor(UpstreamDialect.Chat).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json("""
            {"model":"claude-opus-5-5","max_tokens":1000,"messages":[{"role":"user","content":"News?"}],
             "tools":[{"type":"web_search_20260318","name":"web_search","blocked_domains":["spam.example"],
                       "user_location":{"type":"approximate","city":"Lyon","country":"FR","timezone":"Europe/Paris"}}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tool = _upstream.LastRequest.GetProperty("tools")[0];
        Assert.Equal("""{"type":"web_search","filters":{"blocked_domains":["spam.example"]},"user_location":{"type":"approximate","city":"Lyon","country":"FR","timezone":"Europe/Paris"}}""", tool.GetRawText());
    }

    [Theory]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","allowed_domains":["a.example"],"blocked_domains":["b.example"]}""", "tools.0: Use either allowed_domains or blocked_domains, not both.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","max_uses":0}""", "tools.0.max_uses: Must be greater than or equal to 1.")]
    [InlineData("""{"type":"web_search_20250305","name":"search"}""", "tools.0.name: Must be 'web_search'.")]
    [InlineData("""{"type":"web_search_20250305","name":"web_search","allowed_domains":["https://a.example"]}""", "tools.0.allowed_domains: Domains are names such as example.com, without a scheme.")]
    public async Task Refuses_a_web_search_tool_anthropic_would_refuse(string tool, string expected)
    {
        using var http = fixture.AppFor(UpstreamDialect.Responses).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json($$"""{"model":"claude-opus-5-5","max_tokens":100,"messages":[{"role":"user","content":"News?"}],"tools":[{{tool}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Refuses_web_search_with_a_400_that_says_why_when_the_upstream_has_no_responses_endpoint()
    {
        await using var app = new TranslatorApp(_upstream.BaseUrl, new Dictionary<string, string?> { ["Translator:Upstream:ResponsesAvailable"] = "false" });
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json(Recorded(stream: false)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Translator:Upstream:ResponsesAvailable", await response.Content.ReadAsStringAsync());
        Assert.Empty(_upstream.Requests);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Recorded(bool stream) => RecordedFixtures.RequestBody("claude-code-2.1.332-request-websearch.json", stream);
}
