using System.Text.Json;
using Anthropic.Models.Messages;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>Non-streaming <c>POST /v1/messages</c> through the running app, called with the official SDK.</summary>
public sealed class MessagesApiTests(TranslatorFixture fixture) : IClassFixture<TranslatorFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = Reset(fixture.Upstream);

    [Fact]
    public async Task Answers_text_with_the_requested_model_and_anthropic_usage()
    {
        _upstream.Enqueue(UpstreamReply.Json(RecordedFixtures.Text("openai-chat-cached-tokens.json")));
        var client = fixture.App.CreateAnthropicClient();

        var message = await client.Messages.Create(Requests.Params(Requests.Simple("Say OK", model: "claude-opus-4-1")));

        Assert.StartsWith("msg_", message.ID);
        Assert.Equal("claude-opus-4-1", message.Model.Raw());
        var text = Assert.Single(message.Content);
        Assert.True(text.TryPickText(out var textBlock));
        Assert.Equal("OK", textBlock.Text);
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.Null(message.StopSequence);
        // The fixture: prompt_tokens 4020 of which 4012 cached, completion_tokens 4.
        Assert.Equal(8, message.Usage.InputTokens);
        Assert.Equal(4012, message.Usage.CacheReadInputTokens);
        Assert.Equal(0, message.Usage.CacheCreationInputTokens);
        Assert.Equal(4, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task Sends_a_system_array_as_one_leading_system_message_and_max_tokens_as_max_completion_tokens()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Hi")));
        var client = fixture.App.CreateAnthropicClient();

        await client.Messages.Create(Requests.Params("""
            {"model":"claude-sonnet-4-5","max_tokens":300,"temperature":0.2,"top_k":5,"stop_sequences":["END"],
             "system":[{"type":"text","text":"You are terse."},{"type":"text","text":"Answer in French.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"Hello"}]}
            """));

        var sent = _upstream.LastRequest;
        Assert.Equal("gpt-5.4", sent.GetProperty("model").GetString());
        Assert.Equal(300, sent.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(sent.TryGetProperty("max_tokens", out _));
        var messages = sent.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("You are terse.\n\nAnswer in French.", messages[0].GetProperty("content").GetString());
        Assert.Equal("Hello", messages[1].GetProperty("content").GetString());
        // A GPT-5 upstream rejects sampling parameters and stop; top_k has no counterpart.
        Assert.False(sent.TryGetProperty("temperature", out _));
        Assert.False(sent.TryGetProperty("stop", out _));
        Assert.False(sent.TryGetProperty("top_k", out _));
    }

    [Fact]
    public async Task Passes_sampling_and_stop_sequences_to_models_that_take_them()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Hi", model: "gpt-4.1")));
        var client = fixture.App.CreateAnthropicClient();

        await client.Messages.Create(Requests.Params("""
            {"model":"gpt-4.1","max_tokens":50,"temperature":0.2,"top_p":0.9,"stop_sequences":["END"],"messages":[{"role":"user","content":"Hello"}]}
            """));

        var sent = _upstream.LastRequest;
        Assert.Equal("gpt-4.1", sent.GetProperty("model").GetString());
        Assert.Equal(0.2, sent.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, sent.GetProperty("top_p").GetDouble());
        Assert.Equal("END", sent.GetProperty("stop")[0].GetString());
        Assert.False(sent.TryGetProperty("reasoning_effort", out _));
    }

    [Fact]
    public async Task Sends_images_as_image_url_parts()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("A red dot.")));
        var client = fixture.App.CreateAnthropicClient();

        await client.Messages.Create(Requests.Params("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
              {"type":"text","text":"What is this?"}]}]}
            """));

        var parts = _upstream.LastRequest.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", parts[0].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("https://example.com/cat.jpg", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("What is this?", parts[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Translates_the_recorded_claude_code_request_faithfully()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("hi there")));
        var client = fixture.App.CreateAnthropicClient();
        var body = JsonSerializer.SerializeToNode(RecordedFixtures.Json("claude-code-2.1.328-request-first-turn.json").GetProperty("body"))!.AsObject();
        body["stream"] = false;

        var message = await client.Messages.Create(Requests.Params(body.ToJsonString()));

        Assert.Equal("claude-opus-5-5", message.Model.Raw());
        var sent = _upstream.LastRequest;
        Assert.Equal("gpt-5.5", sent.GetProperty("model").GetString());
        Assert.Equal(128000, sent.GetProperty("max_completion_tokens").GetInt32());
        // thinking adaptive + output_config.effort medium.
        Assert.Equal("medium", sent.GetProperty("reasoning_effort").GetString());
        // 12 tools, of which DeferredToolPlaceholder has defer_loading and nothing references it.
        Assert.Equal(11, sent.GetProperty("tools").GetArrayLength());
        Assert.Equal("Bash", sent.GetProperty("tools")[1].GetProperty("function").GetProperty("name").GetString());
        Assert.DoesNotContain("DeferredToolPlaceholder", sent.GetProperty("tools").GetRawText());
        Assert.Equal(64, sent.GetProperty("user").GetString()!.Length);
        var messages = sent.GetProperty("messages");
        Assert.Equal(["system", "user", "system"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()!));
        Assert.Equal(3, messages[1].GetProperty("content").GetArrayLength());
        Assert.Equal("Run echo hi there", messages[1].GetProperty("content")[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Completes_a_two_turn_tool_loop()
    {
        _upstream.Enqueue(UpstreamReply.Json(RecordedFixtures.Text("openai-chat-tool-calls-parallel.json")));
        var client = fixture.App.CreateAnthropicClient();
        const string Tools = """
            "tools":[{"name":"delete_file","description":"Delete a file","input_schema":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}},
                     {"name":"create_file","description":"Create a file","input_schema":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}]
            """;

        var first = await client.Messages.Create(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":500,{{{Tools}}},"messages":[{"role":"user","content":"Replace .env with test.txt"}]}
            """));

        Assert.Equal("tool_use", first.StopReason!.Raw());
        var calls = first.Content.Select(c => c.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().ToList();
        Assert.Equal(["delete_file", "create_file"], calls.Select(c => c.Name));
        Assert.Equal("call_HMKxpFuWMpNPfuK5352En5En", calls[0].ID);
        Assert.Equal(".env", calls[0].Input["path"].GetString());

        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Done.")));
        var second = await client.Messages.Create(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":500,{{{Tools}}},"messages":[
              {"role":"user","content":"Replace .env with test.txt"},
              {"role":"assistant","content":[{"type":"text","text":"Doing both."},
                {"type":"tool_use","id":"{{{calls[0].ID}}}","name":"delete_file","input":{"path":".env"}},
                {"type":"tool_use","id":"{{{calls[1].ID}}}","name":"create_file","input":{"path":"test.txt"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"{{{calls[0].ID}}}","content":"deleted"},
                {"type":"tool_result","tool_use_id":"{{{calls[1].ID}}}","is_error":true,"content":[{"type":"text","text":"permission denied"}]},
                {"type":"text","text":"Go on."}]}]}
            """));

        Assert.Equal("Done.", second.Content[0].Json.GetProperty("text").GetString());
        var messages = _upstream.LastRequest.GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool", "tool", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()!));
        var assistant = messages[1];
        Assert.Equal("Doing both.", assistant.GetProperty("content").GetString());
        Assert.Equal("call_HMKxpFuWMpNPfuK5352En5En", assistant.GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("""{"path":".env"}""", assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_HMKxpFuWMpNPfuK5352En5En", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("deleted", messages[2].GetProperty("content").GetString());
        Assert.Contains("error", messages[3].GetProperty("content").GetString());
        Assert.EndsWith("permission denied", messages[3].GetProperty("content").GetString());
        Assert.Equal("Go on.", messages[4].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Gives_tool_calls_with_unsafe_ids_safe_ids_that_map_back_on_the_next_turn()
    {
        var calls = new System.Text.Json.Nodes.JsonArray(ChatReplies.ToolCall("functions.get_weather:0", "get_weather", """{"city":"Paris"}"""));
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion(null, "tool_calls", calls)));
        var client = fixture.App.CreateAnthropicClient();
        const string Tools = """"
            "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]
            """";

        var first = await client.Messages.Create(Requests.Params($$$"""{"model":"claude-sonnet-4-5","max_tokens":100,{{{Tools}}},"messages":[{"role":"user","content":"Weather?"}]}"""));

        Assert.True(first.Content[0].TryPickToolUse(out var call));
        Assert.Matches("^[a-zA-Z0-9_-]+$", call.ID);

        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Sunny.")));
        await client.Messages.Create(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":100,{{{Tools}}},"messages":[{"role":"user","content":"Weather?"},
              {"role":"assistant","content":[{"type":"tool_use","id":"{{{call.ID}}}","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{call.ID}}}","content":"sunny"}]}]}
            """));

        var messages = _upstream.LastRequest.GetProperty("messages");
        Assert.Equal("functions.get_weather:0", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("functions.get_weather:0", messages[2].GetProperty("tool_call_id").GetString());
    }

    [Theory]
    [InlineData("""{"type":"auto"}""", "\"auto\"", null)]
    [InlineData("""{"type":"any"}""", "\"required\"", null)]
    [InlineData("""{"type":"none"}""", "\"none\"", null)]
    [InlineData("""{"type":"tool","name":"get_time"}""", """{"type":"function","function":{"name":"get_time"}}""", null)]
    [InlineData("""{"type":"auto","disable_parallel_tool_use":true}""", "\"auto\"", false)]
    public async Task Maps_tool_choice(string toolChoice, string expected, bool? parallelToolCalls)
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("ok")));
        var client = fixture.App.CreateAnthropicClient();

        await client.Messages.Create(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":100,"tool_choice":{{{toolChoice}}},
             "tools":[{"name":"get_time","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Time?"}]}
            """));

        var sent = _upstream.LastRequest;
        Assert.Equal(expected, sent.GetProperty("tool_choice").GetRawText());
        Assert.Equal(parallelToolCalls, sent.TryGetProperty("parallel_tool_calls", out var p) ? p.GetBoolean() : null);
        Assert.Equal("get_time", sent.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("object", sent.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"type":"enabled","budget_tokens":1024}""", null, "low")]
    [InlineData("""{"type":"enabled","budget_tokens":8192}""", null, "medium")]
    [InlineData("""{"type":"enabled","budget_tokens":32000}""", null, "xhigh")]
    [InlineData("""{"type":"adaptive"}""", """{"effort":"high"}""", "high")]
    [InlineData("""{"type":"adaptive"}""", """{"effort":"max"}""", "xhigh")]
    [InlineData("""{"type":"auto"}""", null, "medium")]
    [InlineData("""{"type":"disabled"}""", null, null)]
    public async Task Maps_thinking_to_reasoning_effort(string thinking, string? outputConfig, string? expectedEffort)
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("ok")));
        var client = fixture.App.CreateAnthropicClient();
        var output = outputConfig is null ? "" : $",\"output_config\":{outputConfig}";

        await client.Messages.Create(Requests.Params($$$"""
            {"model":"claude-opus-4-1","max_tokens":40000,"thinking":{{{thinking}}}{{{output}}},"messages":[{"role":"user","content":"Think."}]}
            """));

        var sent = _upstream.LastRequest;
        Assert.Equal(expectedEffort, sent.TryGetProperty("reasoning_effort", out var e) ? e.GetString() : null);
    }

    [Fact]
    public async Task Returns_upstream_reasoning_as_a_leading_thinking_block_and_drops_earlier_thinking()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("42", reasoningContent: "Six times seven.")));
        var client = fixture.App.CreateAnthropicClient();

        var message = await client.Messages.Create(Requests.Params(RecordedFixtures.Text("anthropic-request-thinking-tool-result-roundtrip.json").Replace("\"stream\":true", "\"stream\":false")));

        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Six times seven.", thinking.Thinking);
        // Chat Completions has no encrypted reasoning: the block is signed with a hash of its text.
        Assert.Matches("^ccx1t\\.[0-9a-f]{32}$", thinking.Signature);
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("42", text.Text);

        // The replayed thinking block has no place in Chat Completions and is not sent as text.
        var assistant = _upstream.LastRequest.GetProperty("messages")[1];
        Assert.False(assistant.TryGetProperty("content", out var content) && content.ValueKind != JsonValueKind.Null);
        Assert.Equal("toolu_01825dXWLSoJwCst1qTsiWdb", assistant.GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("{}", assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.DoesNotContain("The user wants me to", _upstream.LastRequest.GetRawText());
    }

    [Fact]
    public async Task Reports_a_tool_call_even_when_the_upstream_says_stop_and_maps_length_to_max_tokens()
    {
        var calls = new System.Text.Json.Nodes.JsonArray(ChatReplies.ToolCall("call_1", "get_time", ""));
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion(null, "stop", calls)));
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Once upon a", "length")));
        var client = fixture.App.CreateAnthropicClient();

        var toolTurn = await client.Messages.Create(Requests.Params("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"tools":[{"name":"get_time","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Time?"}]}
            """));
        var cutTurn = await client.Messages.Create(Requests.Params(Requests.Simple("Tell a story")));

        Assert.Equal("tool_use", toolTurn.StopReason!.Raw());
        Assert.True(toolTurn.Content[0].TryPickToolUse(out var call));
        Assert.Empty(call.Input);
        Assert.Equal("max_tokens", cutTurn.StopReason!.Raw());
    }

    [Fact]
    public async Task Keeps_no_upstream_cookie_for_later_calls()
    {
        // One HttpClient serves every user: a cookie kept from one answer would reach the
        // upstream with everyone's next call.
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Hi"), 200, ("Set-Cookie", "session=first-user; Path=/")));
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Hi")));
        var client = fixture.App.CreateAnthropicClient();

        await client.Messages.Create(Requests.Params(Requests.Simple()));
        await client.Messages.Create(Requests.Params(Requests.Simple()));

        Assert.Equal(2, _upstream.RequestHeaders.Count);
        Assert.DoesNotContain(_upstream.RequestHeaders, headers => headers.ContainsKey("Cookie"));
    }

    [Fact]
    public async Task Puts_the_upstream_model_in_a_header_and_a_request_id_on_every_response()
    {
        _upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("Hi", model: "gpt-5.1-2025-11-13")));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages?beta=true", new StringContent(Requests.Simple(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-5.1-2025-11-13", response.Headers.GetValues("x-upstream-model").Single());
        Assert.Matches("^req_[A-Za-z0-9]{24}$", response.Headers.GetValues("request-id").Single());
        Assert.Equal("Bearer upstream-secret-key", _upstream.RequestHeaders.Last()["Authorization"]);
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static ScriptedUpstream Reset(ScriptedUpstream upstream)
    {
        upstream.Reset();
        return upstream;
    }
}
