using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Sessions.SessionRequests;

namespace Translator.Tests.Sessions;

/// <summary>
/// What today's Claude Code (2.1.332) sends in a real session, against an upstream spoken to in
/// either protocol: deferred tools loaded through ToolSearch, thinking exactly as asked, too-long
/// prompts worded as Anthropic words them, and context edits applied before the model sees the prompt.
/// </summary>
public sealed class ClaudeCodeSessionTests(ClaudeCodeSessionTests.Fixture fixture) : IClassFixture<ClaudeCodeSessionTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture;

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public static TheoryData<string, bool> DialectsAndModes => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    public void Dispose() => _upstream.AssertNoViolations();

    // :: Deferred tools and tool search

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Replays_the_recorded_toolsearch_turn_with_the_loaded_tool_appended_and_unreferenced_ones_left_out(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("Searching now.", Input: 900, Output: 4);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        var body = RecordedFixtures.RequestBody("claude-code-2.1.332-request-toolsearch-turn.json", stream);

        var reply = await PostAsync(dialect, body, stream);

        Assert.Equal("Searching now.", reply.Text);
        var sent = _upstream.LastRequest;
        var recorded = JsonDocument.Parse(body).RootElement.GetProperty("tools").EnumerateArray()
            .Where(t => !t.TryGetProperty("defer_loading", out var deferred) || !deferred.GetBoolean())
            .Select(t => t.GetProperty("name").GetString()!);
        Assert.Equal([.. recorded, "WebSearch"], ToolNames(sent));
        Assert.Equal("Tool loaded: WebSearch", FunctionOutput(sent, "call_ts6"));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Counts_the_tokens_of_a_toolsearch_turn_as_the_stream_estimates_them(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Stream(new Answer("Ok.")));
        var body = RecordedFixtures.RequestBody("claude-code-2.1.332-request-toolsearch-turn.json", stream: true);
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        var counted = await PostJsonAsync(http, "/v1/messages/count_tokens", body);
        await using var sse = await SseClient.PostAsync(http, body);
        var events = await sse.ReadToEndAsync();
        var unreferenced = JsonNode.Parse(body)!.AsObject();
        unreferenced["messages"] = new JsonArray([.. unreferenced["messages"]!.AsArray().Take(2).Select(m => m!.DeepClone())]);
        var withoutWebSearch = await PostJsonAsync(http, "/v1/messages/count_tokens", unreferenced.ToJsonString());

        var estimate = events[0].Data.GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt64();
        Assert.Equal(counted.GetProperty("input_tokens").GetInt64(), estimate);
        // The loaded tool's definition counts once it is referenced, and not before.
        Assert.True(withoutWebSearch.GetProperty("input_tokens").GetInt64() + 100 < estimate);
    }

    [Fact]
    public async Task Refuses_a_tool_reference_to_a_tool_the_request_does_not_declare()
    {
        var body = RecordedFixtures.RequestBody("claude-code-2.1.332-request-toolsearch-turn.json", stream: false).Replace("\"tool_name\":\"WebSearch\"", "\"tool_name\":\"Teleport\"");

        var (status, error) = await PostErrorAsync("chat", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("messages.3.content.0.content.0.tool_name: Tool Teleport is not among the request's tools", error);
    }

    [Fact]
    public async Task Refuses_anthropics_server_side_tool_search_and_says_what_to_use_instead()
    {
        var body = """
            {"model":"claude-opus-5-5","max_tokens":100,"messages":[{"role":"user","content":"Find a tool"}],
             "tools":[{"type":"tool_search_tool_regex_20251119","name":"tool_search_tool_regex"},
                      {"name":"get_weather","defer_loading":true,"input_schema":{"type":"object"}}]}
            """;

        var (status, error) = await PostErrorAsync("responses", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("tools.0.type: Anthropic's server-side tool search (tool_search_tool_regex_20251119) is not available", error);
        Assert.Contains("as Claude Code's ToolSearch does", error);
    }

    // :: Thinking exactly as asked

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Sends_no_thinking_block_when_thinking_was_not_enabled_yet_counts_the_reasoning(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("4", Reasoning: "Two and two make four.", Input: 30, Output: 57);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));

        foreach (var thinking in new[] { string.Empty, "\"thinking\":{\"type\":\"disabled\"}," })
        {
            var reply = await PostAsync(dialect, $$"""{"model":"claude-sonnet-4-5","max_tokens":100,{{thinking}}"stream":{{Bool(stream)}},"messages":[{"role":"user","content":"2+2?"}]}""", stream);

            Assert.Equal(["text"], reply.BlockTypes);
            Assert.Equal("4", reply.Text);
            Assert.Equal(57, reply.OutputTokens);
        }
    }

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Shows_omitted_thinking_as_empty_text_with_its_signature(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("4", Reasoning: "Two and two make four.", Input: 30, Output: 57);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));

        var reply = await PostAsync(dialect, $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"thinking":{"type":"adaptive","display":"omitted"},"stream":{{Bool(stream)}},"messages":[{"role":"user","content":"2+2?"}]}""", stream);

        Assert.Equal(["thinking", "text"], reply.BlockTypes);
        Assert.Equal(string.Empty, reply.Thinking);
        Assert.Matches(dialect == "chat" ? "^ccx1t\\.[0-9a-f]{32}$" : "^ccx1\\.rs_answer\\.enc-answer==$", reply.Signature);
        Assert.DoesNotContain("thinking_delta", reply.Raw);
    }

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Shows_summarized_thinking_with_its_text_and_a_signature(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("4", Reasoning: "Two and two make four.", Input: 30, Output: 57);
        _upstream.Enqueue(stream ? upstream.Stream(answer) : upstream.Complete(answer));

        var reply = await PostAsync(dialect, $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"thinking":{"type":"enabled","budget_tokens":2048},"stream":{{Bool(stream)}},"messages":[{"role":"user","content":"2+2?"}]}""", stream);

        Assert.Equal(["thinking", "text"], reply.BlockTypes);
        Assert.Equal("Two and two make four.", reply.Thinking);
        Assert.False(string.IsNullOrEmpty(reply.Signature));
    }

    // :: Context limits

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Words_a_chat_upstreams_context_length_error_as_anthropic_does_with_its_sizes(bool stream)
    {
        _upstream.Enqueue(UpstreamReply.Error(400, "This model's maximum context length is 272000 tokens. However, your messages resulted in 300123 tokens. Please reduce the length of the messages.", "context_length_exceeded"));

        var (status, error) = await PostErrorAsync("chat", Requests.Simple(stream: stream));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("prompt is too long: 300123 tokens > 272000 maximum", error);
        AssertClaudeCodeReads(error, 300123, 272000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Words_a_responses_upstreams_context_length_error_with_our_count_and_the_configured_window(bool stream)
    {
        _upstream.Enqueue(UpstreamReply.Error(400, "Your input exceeds the context window of this model. Please adjust your input and try again.", "context_length_exceeded"));

        var (status, error) = await PostErrorAsync("responses", Requests.Simple(stream: stream));

        // claude-sonnet-4-5 is answered by gpt-5.4, whose configured window is 922,000 input tokens. A
        // one-line request counts far below it; the tokens said are always above the maximum.
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("prompt is too long: 922001 tokens > 922000 maximum", error);
        AssertClaudeCodeReads(error, 922001, 922000);
    }

    [Fact]
    public async Task Answers_a_stream_that_fails_on_context_length_before_any_content_with_a_400_not_a_stream()
    {
        _upstream.Enqueue(UpstreamReply.Sse(
            SseStep.Event("""{"type":"response.created","response":{"id":"resp_1","status":"in_progress","model":"gpt-5.1-codex","output":[]}}"""),
            SseStep.Event("""{"type":"error","code":"context_length_exceeded","message":"Your input exceeds the context window of this model."}"""),
            SseStep.Event("""{"type":"response.failed","response":{"id":"resp_1","status":"failed","output":[],"error":{"code":"context_length_exceeded","message":"Your input exceeds the context window of this model."}}}""")));

        var (status, error) = await PostErrorAsync("responses", Requests.Simple(stream: true));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertClaudeCodeReads(error, 922001, 922000);
    }

    // :: Context editing

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Clears_the_oldest_tool_results_before_the_prompt_goes_upstream_and_reports_the_edit(string dialect, bool stream)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(stream ? upstream.Stream(new Answer("Done.")) : upstream.Complete(new Answer("Done.")));
        var body = ToolLoop(5, stream, """
            "context_management":{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":3},"keep":{"type":"tool_uses","value":2},"exclude_tools":["Keep"]}]},
            """);

        var reply = await PostAsync(dialect, body, stream);

        var outputs = Enumerable.Range(0, 5).Select(i => FunctionOutput(_upstream.LastRequest, $"toolu_{i}")).ToList();
        Assert.Equal(["[Tool result cleared to save context]", "[Tool result cleared to save context]", "[Tool result cleared to save context]", Result(3), Result(4)], outputs);
        var applied = Assert.Single(reply.AppliedEdits!.Value.EnumerateArray());
        Assert.Equal("clear_tool_uses_20250919", applied.GetProperty("type").GetString());
        Assert.Equal(3, applied.GetProperty("cleared_tool_uses").GetInt32());
        Assert.True(applied.GetProperty("cleared_input_tokens").GetInt32() > 3 * 50);
    }

    [Fact]
    public async Task Keeps_the_results_of_excluded_tools_and_clears_inputs_when_asked()
    {
        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Done.")));
        var body = ToolLoop(4, stream: false, """
            "context_management":{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":1},"keep":{"type":"tool_uses","value":1},"exclude_tools":["Keep"],"clear_tool_inputs":true}]},
            """, excludedAt: 1);

        await PostAsync("chat", body, stream: false);

        var sent = _upstream.LastRequest;
        Assert.Equal(["[Tool result cleared to save context]", Result(1), "[Tool result cleared to save context]", Result(3)], Enumerable.Range(0, 4).Select(i => FunctionOutput(sent, $"toolu_{i}")));
        var arguments = sent.GetProperty("messages").EnumerateArray().Where(m => m.TryGetProperty("tool_calls", out _)).Select(m => m.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()).ToList();
        Assert.Equal(["{}", "{\"i\":1}", "{}", "{\"i\":3}"], arguments);
    }

    [Fact]
    public async Task Leaves_the_prompt_alone_below_the_trigger_and_reports_no_edit()
    {
        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Done.")));
        var body = ToolLoop(3, stream: false, """
            "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
            """);

        var reply = await PostAsync("chat", body, stream: false);

        Assert.Equal(Result(0), FunctionOutput(_upstream.LastRequest, "toolu_0"));
        Assert.Empty(reply.AppliedEdits!.Value.EnumerateArray());
    }

    [Fact]
    public async Task Clears_the_thinking_of_all_but_the_last_turn_so_only_its_reasoning_goes_back_upstream()
    {
        _upstream.Enqueue(UpstreamDialect.Responses.Complete(new Answer("Done.")));
        var body = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"thinking":{"type":"adaptive"},
             "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":1}}]},
             "tools":[{"name":"f","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"Go"},
               {"role":"assistant","content":[{"type":"thinking","thinking":"First.","signature":"ccx1.rs_1.enc-one=="},{"type":"tool_use","id":"toolu_1","name":"f","input":{}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"one"}]},
               {"role":"assistant","content":[{"type":"thinking","thinking":"Second.","signature":"ccx1.rs_2.enc-two=="},{"type":"tool_use","id":"toolu_2","name":"f","input":{}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"two"}]}]}
            """;

        var reply = await PostAsync("responses", body, stream: false);

        var reasoning = _upstream.LastRequest.GetProperty("input").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "reasoning").Select(i => i.GetProperty("id").GetString());
        Assert.Equal(["rs_2"], reasoning);
        var applied = Assert.Single(reply.AppliedEdits!.Value.EnumerateArray());
        Assert.Equal("clear_thinking_20251015", applied.GetProperty("type").GetString());
        Assert.Equal(1, applied.GetProperty("cleared_thinking_turns").GetInt32());
    }

    [Fact]
    public async Task Counts_tokens_after_the_edits_and_reports_the_count_before_them()
    {
        var body = ToolLoop(5, stream: false, """
            "context_management":{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":1},"keep":{"type":"tool_uses","value":1}}]},
            """).Replace("\"max_tokens\":100,", string.Empty);
        using var http = fixture.AppFor(UpstreamDialect.Chat).CreateHttpClient();

        var counted = await PostJsonAsync(http, "/v1/messages/count_tokens", body);

        var original = counted.GetProperty("context_management").GetProperty("original_input_tokens").GetInt64();
        Assert.True(counted.GetProperty("input_tokens").GetInt64() + (4 * 50) < original);
    }

    [Fact]
    public async Task Refuses_server_side_compaction_with_a_400_that_says_it_is_not_available()
    {
        var (status, error) = await PostErrorAsync("responses", """
            {"model":"claude-sonnet-4-5","max_tokens":100,"context_management":{"edits":[{"type":"compact_20260112"}]},"messages":[{"role":"user","content":"Hi"}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("context_management.edits.0.type: Server-side compaction (compact_20260112) is not available through an OpenAI upstream", error);
    }

    // :: Helpers

    private static async Task<JsonElement> PostJsonAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, string Message)> PostErrorAsync(string dialect, string body)
    {
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();
        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        return (response.StatusCode, error.GetProperty("error").GetProperty("message").GetString()!);
    }

    /// <summary>Posts a request and reads the answer, accumulated from the events when streamed.</summary>
    private async Task<Reply> PostAsync(string dialect, string body, bool stream)
    {
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();
        if (!stream)
        {
            var message = await PostJsonAsync(http, "/v1/messages", body);
            var content = message.GetProperty("content").EnumerateArray().ToList();
            return new Reply(
                [.. content.Select(b => b.GetProperty("type").GetString()!)],
                string.Concat(content.Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString())),
                content.FirstOrDefault(b => b.GetProperty("type").GetString() == "thinking") is { ValueKind: JsonValueKind.Object } thinking ? thinking.GetProperty("thinking").GetString() : null,
                content.FirstOrDefault(b => b.GetProperty("type").GetString() == "thinking") is { ValueKind: JsonValueKind.Object } signed ? signed.GetProperty("signature").GetString() : null,
                message.GetProperty("usage").GetProperty("output_tokens").GetInt64(),
                message.TryGetProperty("context_management", out var management) ? management.GetProperty("applied_edits") : null,
                message.GetRawText());
        }

        await using var sse = await SseClient.PostAsync(http, body);
        var events = await sse.ReadToEndAsync();
        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("message_stop", events[^1].Name);
        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Data.GetProperty("content_block")).ToList();
        var deltas = events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta")).ToList();
        var end = events.Single(e => e.Name == "message_delta").Data;
        return new Reply(
            [.. starts.Select(b => b.GetProperty("type").GetString()!)],
            string.Concat(deltas.Where(d => d.GetProperty("type").GetString() == "text_delta").Select(d => d.GetProperty("text").GetString())),
            starts.Any(b => b.GetProperty("type").GetString() == "thinking") ? string.Concat(deltas.Where(d => d.GetProperty("type").GetString() == "thinking_delta").Select(d => d.GetProperty("thinking").GetString())) : null,
            deltas.FirstOrDefault(d => d.GetProperty("type").GetString() == "signature_delta") is { ValueKind: JsonValueKind.Object } signature ? signature.GetProperty("signature").GetString() : null,
            end.GetProperty("usage").GetProperty("output_tokens").GetInt64(),
            end.TryGetProperty("context_management", out var applied) ? applied.GetProperty("applied_edits") : null,
            string.Join("\n", events.Select(e => e.Data.GetRawText())));
    }

    private sealed record Reply(IReadOnlyList<string> BlockTypes, string Text, string? Thinking, string? Signature, long OutputTokens, JsonElement? AppliedEdits, string Raw);
}
