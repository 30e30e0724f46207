using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams.Responses;

/// <summary>Anthropic requests to Responses requests, checked as the JSON that goes on the wire.</summary>
public sealed class ResponsesRequestTranslatorTests
{
    [Fact]
    public void Puts_the_system_prompt_in_instructions_and_a_system_message_in_a_developer_message()
    {
        var sent = Translate("""
            {"model":"claude-x","max_tokens":100,"system":[{"type":"text","text":"Be terse."},{"type":"text","text":"Use French."}],
             "messages":[{"role":"user","content":"Hi"},{"role":"system","content":"Now be verbose."},{"role":"user","content":"Again"}]}
            """);

        Assert.Equal("Be terse.\n\nUse French.", sent.GetProperty("instructions").GetString());
        var input = sent.GetProperty("input");
        Assert.Equal(["user", "developer", "user"], input.EnumerateArray().Select(i => i.GetProperty("role").GetString()!));
        Assert.Equal("Now be verbose.", input[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(100, sent.GetProperty("max_output_tokens").GetInt32());
    }

    [Fact]
    public void Sends_function_outputs_first_with_the_images_a_tool_returned_and_the_rest_of_the_turn_after()
    {
        var sent = Translate("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[
              {"role":"user","content":"Screenshot please"},
              {"role":"assistant","content":[{"type":"text","text":"Taking it."},{"type":"tool_use","id":"toolu_1","name":"screenshot","input":{"scale":2}}]},
              {"role":"user","content":[{"type":"text","text":"What do you see?"},{"type":"tool_result","tool_use_id":"toolu_1","is_error":false,"content":[
                {"type":"text","text":"Here it is"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}]}
            """);

        var input = sent.GetProperty("input");
        Assert.Equal(["message", "message", "function_call", "function_call_output", "message"], input.EnumerateArray().Select(i => i.GetProperty("type").GetString()!));
        Assert.Equal("output_text", input[1].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("toolu_1", input[2].GetProperty("call_id").GetString());
        Assert.Equal("""{"scale":2}""", input[2].GetProperty("arguments").GetString());
        var output = input[3].GetProperty("output");
        Assert.Equal("Here it is", output[0].GetProperty("text").GetString());
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", output[1].GetProperty("image_url").GetString());
        Assert.Equal("What do you see?", input[4].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Sends_our_encrypted_reasoning_back_in_its_place_and_drops_thinking_signed_by_anyone_else()
    {
        var ours = ReasoningSignature.Encode("rs_1", "gAAAAB-encrypted");
        var sent = Translate($$$"""
            {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"Weather?"},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"Need the tool.","signature":"{{{ours}}}"},
                {"type":"thinking","thinking":"Anthropic's own.","signature":"EqQBCkYIBxgCKkD"},
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Sunny"}]}]}
            """);

        var input = sent.GetProperty("input");
        Assert.Equal(["message", "reasoning", "function_call", "function_call_output"], input.EnumerateArray().Select(i => i.GetProperty("type").GetString()!));
        Assert.Equal("rs_1", input[1].GetProperty("id").GetString());
        Assert.Equal("gAAAAB-encrypted", input[1].GetProperty("encrypted_content").GetString());
        Assert.Equal("Need the tool.", input[1].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("Anthropic's own.", sent.GetRawText());
        Assert.False(sent.GetProperty("store").GetBoolean());
        Assert.Equal(["reasoning.encrypted_content"], sent.GetProperty("include").EnumerateArray().Select(i => i.GetString()!));
    }

    [Fact]
    public void Sends_documents_as_input_files_or_text()
    {
        var sent = Translate("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
              {"type":"document","title":"spec","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQ="}},
              {"type":"document","title":"notes","source":{"type":"text","media_type":"text/plain","data":"Line one."}}]}]}
            """);

        var parts = sent.GetProperty("input")[0].GetProperty("content");
        Assert.Equal("input_file", parts[0].GetProperty("type").GetString());
        Assert.Equal("spec.pdf", parts[0].GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64,JVBERi0xLjQ=", parts[0].GetProperty("file_data").GetString());
        Assert.Equal("notes\n\nLine one.", parts[1].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"type":"enabled","budget_tokens":1024}""", null, "low")]
    [InlineData("""{"type":"enabled","budget_tokens":8192}""", null, "medium")]
    [InlineData("""{"type":"enabled","budget_tokens":20000}""", null, "high")]
    [InlineData("""{"type":"enabled","budget_tokens":30000}""", null, "xhigh")]
    [InlineData("""{"type":"adaptive"}""", "max", "max")]
    [InlineData("""{"type":"adaptive"}""", "low", "low")]
    [InlineData("""{"type":"adaptive"}""", null, "medium")]
    public void Maps_thinking_to_a_reasoning_effort_with_summaries(string thinking, string? effort, string expected)
    {
        var outputConfig = effort is null ? string.Empty : $$""","output_config":{"effort":"{{effort}}"}""";
        // A model that takes every level, so the level asked for is the level sent.
        var sent = Translate($$"""{"model":"claude-x","max_tokens":100,"thinking":{{thinking}}{{outputConfig}},"messages":[{"role":"user","content":"a"}]}""", "gpt-5.6");

        Assert.Equal(expected, sent.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal("auto", sent.GetProperty("reasoning").GetProperty("summary").GetString());
    }

    [Fact]
    public void Drops_sampling_and_stop_sequences_for_reasoning_models_and_keeps_sampling_for_others()
    {
        const string Body = """{"model":"claude-x","max_tokens":100,"temperature":0.2,"top_p":0.9,"top_k":5,"stop_sequences":["END"],"messages":[{"role":"user","content":"a"}]}""";

        var reasoning = Translate(Body);
        var plain = Translate(Body, "gpt-4.1");

        foreach (var absent in new[] { "temperature", "top_p", "top_k", "stop", "stop_sequences" })
        {
            Assert.False(reasoning.TryGetProperty(absent, out _), absent);
        }

        Assert.Equal(0.2, plain.GetProperty("temperature").GetDouble());
        Assert.False(plain.TryGetProperty("include", out _));
        Assert.False(plain.TryGetProperty("reasoning", out _));
    }

    [Fact]
    public void Sends_tool_choice_and_the_parallel_flag_only_with_tools()
    {
        var none = Translate("""{"model":"claude-x","max_tokens":1,"tool_choice":{"type":"any","disable_parallel_tool_use":true},"messages":[{"role":"user","content":"a"}]}""");
        var some = Translate("""
            {"model":"claude-x","max_tokens":1,"tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true},
             "tools":[{"name":"f","description":"F.","input_schema":{"type":"object","properties":{}}}],"messages":[{"role":"user","content":"a"}]}
            """);

        Assert.False(none.TryGetProperty("tool_choice", out _));
        Assert.False(none.TryGetProperty("parallel_tool_calls", out _));
        Assert.Equal("function", some.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("f", some.GetProperty("tool_choice").GetProperty("name").GetString());
        Assert.False(some.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("function", some.GetProperty("tools")[0].GetProperty("type").GetString());
        Assert.Equal("f", some.GetProperty("tools")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("gpt-5.5", true)]
    [InlineData("gpt-5.3-codex", true)]
    [InlineData("gpt-5.6-sol", true)]
    [InlineData("gpt-5.3", false)]
    [InlineData("gpt-5.1-codex", false)]
    public void Labels_each_replayed_assistant_message_with_the_phase_its_place_in_the_turn_gives_it(string model, bool phased)
    {
        var sent = Translate("""
            {"model":"claude-x","max_tokens":100,"tools":[{"name":"f","input_schema":{"type":"object"}}],"messages":[
              {"role":"user","content":"Go"},
              {"role":"assistant","content":[{"type":"text","text":"Let me check the file."},{"type":"tool_use","id":"toolu_1","name":"f","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42"}]},
              {"role":"assistant","content":[{"type":"text","text":"Reading it again."},{"type":"thinking","thinking":"Sure.","signature":"ccx1.rs_1.enc=="},{"type":"text","text":"It says 42."}]},
              {"role":"user","content":"Thanks"},
              {"role":"assistant","content":"You're welcome."},
              {"role":"user","content":"Bye"}]}
            """, model);

        var phases = sent.GetProperty("input").EnumerateArray()
            .Where(i => i.GetProperty("type").GetString() == "message" && i.GetProperty("role").GetString() == "assistant")
            .Select(i => i.TryGetProperty("phase", out var phase) ? phase.GetString() : null);
        Assert.Equal(phased ? ["commentary", "commentary", "final_answer", "final_answer"] : [null, null, null, null], phases);
        Assert.Empty(ResponsesWireRules.Check(sent));
    }

    [Fact]
    public void Every_translated_fixture_request_obeys_the_responses_wire_rules()
    {
        foreach (var name in new[] { "claude-code-2.1.328-request-first-turn.json", "claude-code-2.1.328-request-tool-result-turn.json", "claude-code-2.1.332-request-tool-result-turn.json" })
        {
            Assert.Empty(ResponsesWireRules.Check(Translate(RecordedFixtures.Json(name).GetProperty("body").GetRawText(), "gpt-5.1-codex")));
        }

        Assert.Empty(ResponsesWireRules.Check(Translate(RecordedFixtures.Text("anthropic-request-thinking-tool-result-roundtrip.json"), "gpt-5.1-codex")));
        Assert.Empty(ResponsesWireRules.Check(Translate(RecordedFixtures.Text("anthropic-request-thinking-tools.json"), "gpt-5.1-codex")));
    }

    private static JsonElement Translate(string anthropicJson, string upstreamModel = "gpt-5.1")
    {
        var request = JsonSerializer.Deserialize(anthropicJson, AnthropicJsonContext.Default.MessagesRequest)!;
        Assert.Null(MessagesRequestValidator.Validate(request, requireMaxTokens: true));
        var plan = Plans.For(request, upstreamModel);
        var translated = ResponsesRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
        return JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(translated, OpenAIResponsesJsonContext.Default.ResponsesRequest)).RootElement.Clone();
    }
}
