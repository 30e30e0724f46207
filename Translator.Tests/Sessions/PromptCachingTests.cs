using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Sessions;

/// <summary>
/// What makes the upstream's prompt cache hit across a Claude Code session: one
/// <c>prompt_cache_key</c> per conversation, a prompt whose start does not change from turn to turn,
/// and cache reads and writes reported as Anthropic reports them.
/// </summary>
public sealed class PromptCachingTests(PromptCachingTests.Fixture fixture) : IClassFixture<PromptCachingTests.Fixture>, IDisposable
{
    private const string Session = "00000000-0000-4000-8000-000000000001";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture;

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Sends_one_prompt_cache_key_per_conversation_and_never_the_same_for_two(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var keys = new Dictionary<string, string>();
        async Task<string> KeyOf(string name, string body, params (string Name, string Value)[] headers)
        {
            _upstream.Enqueue(upstream.Complete(new Answer("Ok.")));
            using var http = fixture.AppFor(upstream).CreateHttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (header, value) in headers)
            {
                request.Headers.Add(header, value);
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return keys[name] = _upstream.LastRequest.GetProperty("prompt_cache_key").GetString()!;
        }

        var userId = JsonSerializer.Serialize($$"""{"device_id":"d","account_uuid":"","session_id":"{{Session}}"}""");
        var turn1 = Body("First question", metadata: $$""","metadata":{"user_id":{{userId}}}""");
        var turn2 = Body("First question", extraTurn: true, metadata: $$""","metadata":{"user_id":{{userId}}}""");

        await KeyOf("turn 1", turn1, ("x-claude-code-session-id", Session));
        await KeyOf("turn 2", turn2, ("x-claude-code-session-id", Session));
        await KeyOf("turn 2, session from metadata only", turn2);
        await KeyOf("subagent", turn1, ("x-claude-code-session-id", Session), ("x-claude-code-agent-id", "agent-7"));
        await KeyOf("other session", turn1, ("x-claude-code-session-id", "00000000-0000-4000-8000-000000000002"));
        await KeyOf("other model", turn1.Replace("claude-sonnet-4-5", "claude-opus-5-5"), ("x-claude-code-session-id", Session));
        await KeyOf("no session, turn 1", Body("First question"));
        await KeyOf("no session, turn 2", Body("First question", extraTurn: true));
        await KeyOf("no session, other conversation", Body("Another question"));

        Assert.Equal(keys["turn 1"], keys["turn 2"]);
        Assert.Equal(keys["turn 1"], keys["turn 2, session from metadata only"]);
        Assert.Equal(keys["no session, turn 1"], keys["no session, turn 2"]);
        var distinct = new[] { "turn 1", "subagent", "other session", "other model", "no session, turn 1", "no session, other conversation" }.Select(k => keys[k]);
        Assert.Equal(6, distinct.Distinct().Count());
        Assert.All(keys.Values, key => Assert.Matches("^ccx-[0-9a-f]{48}$", key));
        Assert.DoesNotContain(keys.Values, key => key.Contains("00000000", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_upstream_prompt_of_a_recorded_claude_code_turn_starts_the_next_turns_byte_for_byte(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var sent = new List<JsonElement>();
        foreach (var fixtureName in new[] { "claude-code-2.1.332-request-first-turn.json", "claude-code-2.1.332-request-tool-result-turn.json" })
        {
            _upstream.Enqueue(upstream.Stream(new Answer("Ok.")));
            using var http = fixture.AppFor(upstream).CreateHttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true") { Content = new StringContent(RecordedFixtures.RequestBody(fixtureName), Encoding.UTF8, "application/json") };
            request.Headers.Add("x-claude-code-session-id", RecordedFixtures.Json(fixtureName).GetProperty("headers").GetProperty("x-claude-code-session-id").GetString());
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
            sent.Add(_upstream.LastRequest);
        }

        var (first, next) = (sent[0], sent[1]);
        Assert.Equal(first.GetProperty("prompt_cache_key").GetString(), next.GetProperty("prompt_cache_key").GetString());
        Assert.Equal(first.GetProperty("tools").GetRawText(), next.GetProperty("tools").GetRawText());
        var conversation = dialect == "chat" ? "messages" : "input";
        var firstItems = first.GetProperty(conversation).EnumerateArray().Select(i => i.GetRawText()).ToList();
        var nextItems = next.GetProperty(conversation).EnumerateArray().Select(i => i.GetRawText()).ToList();
        Assert.True(firstItems.Count < nextItems.Count);
        Assert.Equal(firstItems, nextItems.Take(firstItems.Count));
        var system = dialect == "chat" ? first.GetProperty("messages")[0].GetProperty("content").GetString()! : first.GetProperty("instructions").GetString()!;
        Assert.Equal(system, dialect == "chat" ? next.GetProperty("messages")[0].GetProperty("content").GetString() : next.GetProperty("instructions").GetString());
        Assert.StartsWith("You are a Claude agent", system);
        Assert.DoesNotContain("x-anthropic-billing-header", first.GetRawText() + next.GetRawText());
    }

    [Theory]
    [InlineData("chat", false)]
    [InlineData("chat", true)]
    [InlineData("responses", false)]
    [InlineData("responses", true)]
    public async Task Reports_cache_reads_and_writes_so_the_three_input_fields_add_up_to_the_upstreams_prompt(string dialect, bool stream)
    {
        _upstream.Enqueue(Reply(dialect, stream, prompt: 12_000, cached: 9_000, written: 2_500, output: 30));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        JsonElement usage;
        if (stream)
        {
            await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
            var events = await sse.ReadToEndAsync();
            usage = events.Single(e => e.Name == "message_delta").Data.GetProperty("usage");
        }
        else
        {
            using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));
            usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
        }

        Assert.Equal(500, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(9_000, usage.GetProperty("cache_read_input_tokens").GetInt64());
        Assert.Equal(2_500, usage.GetProperty("cache_creation_input_tokens").GetInt64());
        Assert.Equal(30, usage.GetProperty("output_tokens").GetInt64());
    }

    [Theory]
    [InlineData("chat", null, "gpt-5.1", null)]
    [InlineData("chat", "in_memory", "gpt-5.1", "in_memory")]
    [InlineData("responses", "in_memory", "gpt-5.1", "in_memory")]
    [InlineData("chat", "in_memory", "gpt-5.5", "24h")]
    [InlineData("responses", "24h", "gpt-5.5", "24h")]
    [InlineData("responses", "24h", "gpt-5.6-sol", null)]
    public async Task Asks_for_the_configured_cache_retention_in_the_form_the_model_takes(string protocol, string? configured, string upstreamModel, string? expected)
    {
        await using var app = new TranslatorApp(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Translator:Upstream:Protocol"] = protocol,
            ["Translator:Caching:Retention"] = configured,
            ["Translator:Models:Map:claude-cached"] = upstreamModel,
        });
        _upstream.Enqueue(UpstreamDialect.Of(protocol).Complete(new Answer("Ok.")));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(model: "claude-cached"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, _upstream.LastRequest.TryGetProperty("prompt_cache_retention", out var retention) ? retention.GetString() : null);
    }

    [Theory]
    [InlineData("chat", true)]
    [InlineData("chat", false)]
    [InlineData("responses", true)]
    [InlineData("responses", false)]
    public async Task Turns_claude_codes_cache_marks_into_explicit_breakpoints_for_gpt_5_6(string protocol, bool stream)
    {
        await using var app = BreakpointsApp(protocol, "explicit", "gpt-5.6-sol");
        var sent = new List<JsonElement>();
        foreach (var fixtureName in new[] { "claude-code-2.1.332-request-first-turn.json", "claude-code-2.1.332-request-tool-result-turn.json" })
        {
            var upstream = UpstreamDialect.Of(protocol);
            _upstream.Enqueue(stream ? upstream.Stream(new Answer("Ok.")) : upstream.Complete(new Answer("Ok.")));
            using var http = app.CreateHttpClient();
            using var response = await http.PostAsync("/v1/messages?beta=true", new StringContent(RecordedFixtures.RequestBody(fixtureName, stream), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Ok.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            sent.Add(_upstream.LastRequest);
        }

        Assert.All(sent, body =>
        {
            Assert.Equal("""{"mode":"explicit","ttl":"30m"}""", body.GetProperty("prompt_cache_options").GetRawText());
            Assert.False(body.TryGetProperty("prompt_cache_retention", out _));
        });

        // Claude Code marks the two blocks of its system prompt and the newest content (a system
        // reminder in the first turn, the tool's result in the next).
        if (protocol == "chat")
        {
            Assert.Equal(["messages[0].content[0] text", "messages[0].content[1] text", "messages[2].content[0] text"], Breakpoints(sent[0]));
            Assert.Equal(["messages[0].content[0] text", "messages[0].content[1] text", "messages[4].content[0] text"], Breakpoints(sent[1]));
            var system = string.Concat(sent[0].GetProperty("messages")[0].GetProperty("content").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
            Assert.Equal(SystemPromptOf("claude-code-2.1.332-request-first-turn.json"), system);
            Assert.Equal("tool", sent[1].GetProperty("messages")[4].GetProperty("role").GetString());
        }
        else
        {
            // Instructions are a string: the system prompt is cached as the start of the marked prefix.
            Assert.Equal(["input[1].content[0] input_text"], Breakpoints(sent[0]));
            Assert.Equal(["input[3].output[0] input_text"], Breakpoints(sent[1]));
            Assert.Equal(SystemPromptOf("claude-code-2.1.332-request-first-turn.json"), sent[0].GetProperty("instructions").GetString());
            Assert.Equal("function_call_output", sent[1].GetProperty("input")[3].GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("chat", "explicit")]
    [InlineData("chat", "implicit")]
    [InlineData("responses", "explicit")]
    [InlineData("responses", "implicit")]
    public async Task Keeps_the_newest_marks_that_fit_in_the_four_breakpoints_a_request_may_write(string protocol, string mode)
    {
        await using var app = BreakpointsApp(protocol, mode, "gpt-5.6-terra");
        _upstream.Enqueue(UpstreamDialect.Of(protocol).Complete(new Answer("Ok.")));
        using var http = app.CreateHttpClient();
        var marked = string.Join(",", Enumerable.Range(1, 6).Select(i => $$$"""{"type":"text","text":"Part {{{i}}}","cache_control":{"type":"ephemeral"}}"""));
        var body = $$$"""
            {"model":"claude-cached","max_tokens":100,
             "tools":[{"name":"read","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Early","cache_control":{"type":"ephemeral"}}]},
               {"role":"assistant","content":[{"type":"text","text":"Noted.","cache_control":{"type":"ephemeral"}}]},
               {"role":"user","content":[{{{marked}}}]}]}
            """;

        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _upstream.LastRequest;
        Assert.Equal(mode, sent.GetProperty("prompt_cache_options").GetProperty("mode").GetString());
        var conversation = protocol == "chat" ? "messages" : "input";
        var newest = sent.GetProperty(conversation)[2].GetProperty("content").EnumerateArray().ToList();
        var expected = mode == "explicit" ? 4 : 3;
        Assert.Equal(expected, Breakpoints(sent).Count);
        Assert.All(newest.TakeLast(expected), part => Assert.True(part.TryGetProperty("prompt_cache_breakpoint", out _)));
        Assert.All(newest.SkipLast(expected), part => Assert.False(part.TryGetProperty("prompt_cache_breakpoint", out _)));
    }

    [Theory]
    [InlineData("chat", "explicit", "gpt-5.5")]
    [InlineData("responses", "implicit", "gpt-5.4")]
    [InlineData("chat", null, "gpt-5.6-sol")]
    [InlineData("responses", null, "gpt-5.6-sol")]
    public async Task Sends_no_breakpoints_when_they_are_off_or_the_model_predates_them(string protocol, string? mode, string upstreamModel)
    {
        await using var app = BreakpointsApp(protocol, mode, upstreamModel);
        _upstream.Enqueue(UpstreamDialect.Of(protocol).Complete(new Answer("Ok.")));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(RecordedFixtures.RequestBody("claude-code-2.1.332-request-tool-result-turn.json", stream: false).Replace("claude-opus-5-5", "claude-cached", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(_upstream.LastRequest.TryGetProperty("prompt_cache_options", out _));
        Assert.Empty(Breakpoints(_upstream.LastRequest));
        var system = protocol == "chat" ? _upstream.LastRequest.GetProperty("messages")[0].GetProperty("content") : _upstream.LastRequest.GetProperty("instructions");
        Assert.Equal(JsonValueKind.String, system.ValueKind);
    }

    [Fact]
    public void The_stand_in_refuses_the_breakpoints_openai_refuses()
    {
        static JsonElement Chat(string model, string extra, string parts) => JsonDocument.Parse($$"""
            {"model":"{{model}}"{{extra}},"messages":[{"role":"user","content":[{{parts}}]}]}
            """).RootElement;
        static string Part(int i) => $$$"""{"type":"text","text":"p{{{i}}}","prompt_cache_breakpoint":{"mode":"explicit"}}""";

        Assert.Empty(ChatWireRules.Check(Chat("gpt-5.6-sol", ""","prompt_cache_options":{"mode":"explicit","ttl":"30m"}""", string.Join(",", Enumerable.Range(1, 4).Select(Part)))));
        Assert.Contains(ChatWireRules.Check(Chat("gpt-5.6-sol", "", string.Join(",", Enumerable.Range(1, 5).Select(Part)))), v => v.Contains("at most 4", StringComparison.Ordinal));
        Assert.Contains(ChatWireRules.Check(Chat("gpt-5.5", "", Part(1))), v => v.Contains("not supported with gpt-5.5", StringComparison.Ordinal));
        Assert.Contains(ChatWireRules.Check(Chat("gpt-5.6-sol", ""","prompt_cache_options":{"mode":"explicit"},"prompt_cache_retention":"24h" """, Part(1))), v => v.Contains("cannot both be set", StringComparison.Ordinal));
        Assert.Contains(ChatWireRules.Check(Chat("gpt-5.6-sol", ""","prompt_cache_options":{"ttl":"1h"}""", Part(1))), v => v.Contains("prompt_cache_options.ttl", StringComparison.Ordinal));
        var onAssistant = JsonDocument.Parse("""
            {"model":"gpt-5.6-sol","input":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"a","prompt_cache_breakpoint":{"mode":"explicit"}}]}]}
            """).RootElement;
        Assert.Contains(ResponsesWireRules.Check(onAssistant), v => v.Contains("not allowed on 'output_text'", StringComparison.Ordinal));
    }

    private TranslatorApp BreakpointsApp(string protocol, string? mode, string upstreamModel) => new(_upstream.BaseUrl, new Dictionary<string, string?>
    {
        ["Translator:Upstream:Protocol"] = protocol,
        ["Translator:Caching:Breakpoints"] = mode,
        ["Translator:Models:Map:claude-cached"] = upstreamModel,
        ["Translator:Models:Map:claude-opus-5-5"] = upstreamModel,
    });

    /// <summary>Where the request's breakpoints are: the JSON path of each part that carries one, and the part's type.</summary>
    private static List<string> Breakpoints(JsonElement body) => [.. ModelFacts.Breakpoints(body).Select(b => $"{b.Path} {b.PartType}")];

    private static string SystemPromptOf(string fixtureName) => string.Join("\n\n", RecordedFixtures.Json(fixtureName).GetProperty("body").GetProperty("system").EnumerateArray()
        .Select(b => b.GetProperty("text").GetString()!).Where(t => !t.StartsWith("x-anthropic-billing-header:", StringComparison.Ordinal)));

    private static UpstreamReply Reply(string dialect, bool stream, long prompt, long cached, long written, long output)
    {
        if (dialect == "chat")
        {
            var usage = ChatReplies.Usage(prompt, output, cached);
            usage["prompt_tokens_details"]!["cache_write_tokens"] = written;
            var completion = JsonNode.Parse(ChatReplies.Completion("Hi."))!;
            completion["usage"] = usage;
            var chunk = JsonNode.Parse(ChatReplies.UsageChunk(prompt, output, cached))!;
            chunk["usage"] = usage.DeepClone();
            return stream
                ? UpstreamReply.Sse(SseStep.Data(ChatReplies.TextChunk("Hi.")), SseStep.Data(ChatReplies.FinishChunk("stop")), SseStep.Data(chunk.ToJsonString()), SseStep.Done)
                : UpstreamReply.Json(completion.ToJsonString());
        }

        var response = JsonNode.Parse(ResponsesReplies.Complete([new ResponsesReplies.Message("Hi.")], prompt, output, cached))!;
        response["usage"]!["input_tokens_details"]!["cache_write_tokens"] = written;
        return stream
            ? UpstreamReply.Sse([.. UpstreamDialect.Responses.Begin(), UpstreamDialect.Responses.Text("Hi."), SseStep.Event(new JsonObject { ["type"] = "response.completed", ["response"] = response }.ToJsonString())])
            : UpstreamReply.Json(response.ToJsonString());
    }

    private static string Body(string question, bool extraTurn = false, string metadata = "")
    {
        var turns = extraTurn ? $$""",{"role":"assistant","content":"An answer."},{"role":"user","content":"A follow-up."}""" : string.Empty;
        return $$"""
            {"model":"claude-sonnet-4-5","max_tokens":100{{metadata}},
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.e8f; cc_entrypoint=sdk-cli;"},{"type":"text","text":"You are terse."}],
             "messages":[{"role":"user","content":"{{question}}"}{{turns}}]}
            """;
    }
}
