using System.Text.Json;
using Anthropic;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ResponsesReplies;

namespace Translator.Tests.Apis;

/// <summary>The same client behaviour against an upstream spoken to in the Responses protocol.</summary>
public sealed class ResponsesProtocolTests(ResponsesProtocolTests.Fixture fixture) : IClassFixture<ResponsesProtocolTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : TranslatorFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Upstream:Protocol"] = "responses",
        };

        public ScriptedUpstream ResetUpstream()
        {
            Upstream.Reset();
            return Upstream;
        }
    }

    private const string ToolsJson = """
        "tools":[{"name":"get_weather","description":"Weather of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 {"name":"get_time","description":"Time of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]
        """;

    [Fact]
    public async Task Sends_the_system_prompt_as_instructions_and_the_claude_code_request_as_input_items()
    {
        _upstream.Enqueue(UpstreamReply.Json(Complete([new Message("hi there")])));
        var client = fixture.App.CreateAnthropicClient();
        var body = JsonSerializer.SerializeToNode(RecordedFixtures.Json("claude-code-2.1.328-request-tool-result-turn.json").GetProperty("body"))!.AsObject();
        body["stream"] = false;

        await client.Messages.Create(Requests.Params(body.ToJsonString()));

        var sent = _upstream.LastRequest;
        Assert.Equal(128000, sent.GetProperty("max_output_tokens").GetInt32());
        Assert.False(sent.GetProperty("store").GetBoolean());
        Assert.Equal("reasoning.encrypted_content", sent.GetProperty("include")[0].GetString());
        Assert.Equal("""{"effort":"medium","summary":"auto"}""", sent.GetProperty("reasoning").GetRawText());
        Assert.False(string.IsNullOrEmpty(sent.GetProperty("instructions").GetString()));
        Assert.Equal("Agent", sent.GetProperty("tools")[0].GetProperty("name").GetString());
        var types = sent.GetProperty("input").EnumerateArray().Select(i => i.GetProperty("type").GetString() + ":" + (i.TryGetProperty("role", out var r) ? r.GetString() : "")).ToList();
        Assert.Equal(["message:user", "message:developer", "function_call:", "function_call_output:"], types);
        Assert.Equal("hi there", sent.GetProperty("input")[3].GetProperty("output").GetString());
    }

    [Fact]
    public async Task Keeps_the_models_reasoning_across_three_turns_of_a_tool_loop()
    {
        var client = fixture.App.CreateAnthropicClient();
        const string Question = """{"role":"user","content":"Weather, then time, in Paris?"}""";

        _upstream.Enqueue(Stream([new Reasoning("rs_1", "First the weather.", "enc-one=="), new FunctionCall("call_1", "get_weather", """{"city":"Paris"}""")]));
        var first = await client.Messages.CreateStreaming(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":true,"thinking":{"type":"enabled","budget_tokens":4096},{{{ToolsJson}}},"messages":[{{{Question}}}]}
            """)).Aggregate();
        var turn1 = AssistantTurn(first);

        _upstream.Enqueue(Stream([new Reasoning("rs_2", "Now the time.", "enc-two=="), new FunctionCall("call_2", "get_time", """{"city":"Paris"}""")]));
        var second = await client.Messages.CreateStreaming(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":true,"thinking":{"type":"enabled","budget_tokens":4096},{{{ToolsJson}}},"messages":[{{{Question}}},
              {{{turn1}}},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"sunny"}]}]}
            """)).Aggregate();
        var turn2 = AssistantTurn(second);

        var secondInput = _upstream.LastRequest.GetProperty("input");
        Assert.Equal("rs_1", secondInput[1].GetProperty("id").GetString());
        Assert.Equal("enc-one==", secondInput[1].GetProperty("encrypted_content").GetString());
        Assert.Equal("First the weather.", secondInput[1].GetProperty("summary")[0].GetProperty("text").GetString());

        _upstream.Enqueue(UpstreamReply.Json(Complete([new Message("Sunny, and it is noon.")])));
        var third = await client.Messages.Create(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":1000,"thinking":{"type":"enabled","budget_tokens":4096},{{{ToolsJson}}},"messages":[{{{Question}}},
              {{{turn1}}},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"sunny"}]},
              {{{turn2}}},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_2","content":"12:00","is_error":false}]}]}
            """));

        Assert.True(third.Content[0].TryPickText(out var answer));
        Assert.Equal("Sunny, and it is noon.", answer.Text);
        var thirdInput = _upstream.LastRequest.GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(
            ["message", "reasoning", "function_call", "function_call_output", "reasoning", "function_call", "function_call_output"],
            thirdInput.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(["enc-one==", "enc-two=="], thirdInput.Where(i => i.GetProperty("type").GetString() == "reasoning").Select(i => i.GetProperty("encrypted_content").GetString()));
    }

    [Fact]
    public async Task Drops_thinking_blocks_whose_signature_is_not_its_own()
    {
        _upstream.Enqueue(UpstreamReply.Json(Complete([new Message("0.32a0 it is.")])));
        var client = fixture.App.CreateAnthropicClient();

        await client.Messages.Create(Requests.Params(RecordedFixtures.Text("anthropic-request-thinking-tool-result-roundtrip.json").Replace("\"stream\":true", "\"stream\":false")));

        var sent = _upstream.LastRequest;
        Assert.DoesNotContain(sent.GetProperty("input").EnumerateArray(), i => i.GetProperty("type").GetString() == "reasoning");
        Assert.DoesNotContain("The user wants me to", sent.GetRawText());
        // The Responses API has no sampling for reasoning models and no stop sequences.
        Assert.False(sent.TryGetProperty("temperature", out _));
    }

    [Fact]
    public async Task Reports_a_failed_response_as_the_anthropic_error_of_its_code()
    {
        _upstream.Enqueue(UpstreamReply.Json("""{"id":"resp_x","status":"failed","error":{"code":"rate_limit_exceeded","message":"Slow down"},"output":[]}"""));
        var client = fixture.App.CreateAnthropicClient();

        var exception = await Assert.ThrowsAnyAsync<global::Anthropic.Exceptions.AnthropicApiException>(() => client.Messages.Create(Requests.Params(Requests.Simple())));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, exception.StatusCode);
    }

    [Fact]
    public async Task A_failed_response_that_quotes_the_upstream_key_reaches_the_client_without_it()
    {
        _upstream.Enqueue(UpstreamReply.Json("""{"id":"resp_x","status":"failed","error":{"code":"server_error","message":"Key upstream-secret-key was refused."},"output":[]}"""));
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("Key [redacted] was refused.", body);
        Assert.DoesNotContain("upstream-secret-key", body);
    }

    [Fact]
    public async Task Chooses_the_protocol_per_model_by_configuration_alone()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        // claude-sonnet-4-5 is answered by gpt-5.4, claude-opus-4-1 by gpt-5.5 (the default map).
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?> { ["Translator:Upstream:ProtocolByModel:gpt-5.4"] = "responses" });
        upstream.Enqueue(UpstreamReply.Json(Complete([new Message("from responses")])));
        upstream.Enqueue(UpstreamReply.Json(ChatReplies.Completion("from chat")));
        var client = app.CreateAnthropicClient();

        var sonnet = await client.Messages.Create(Requests.Params(Requests.Simple(model: "claude-sonnet-4-5")));
        var flagship = await client.Messages.Create(Requests.Params(Requests.Simple(model: "claude-opus-4-1")));

        Assert.Equal("from responses", sonnet.Content[0].Json.GetProperty("text").GetString());
        Assert.Equal("from chat", flagship.Content[0].Json.GetProperty("text").GetString());
        Assert.True(upstream.Requests.First().TryGetProperty("input", out _));
        Assert.True(upstream.Requests.Last().TryGetProperty("messages", out _));
        upstream.AssertNoViolations();
    }

    public void Dispose() => _upstream.AssertNoViolations();

    /// <summary>The assistant turn as a client sends it back: its blocks, signatures and all.</summary>
    private static string AssistantTurn(global::Anthropic.Models.Messages.Message message)
    {
        var blocks = message.Content.Select(block => block.Json.GetRawText());
        return $$"""{"role":"assistant","content":[{{string.Join(",", blocks)}}]}""";
    }
}
