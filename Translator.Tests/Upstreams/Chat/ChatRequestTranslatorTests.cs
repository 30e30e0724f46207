using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams.Chat;

/// <summary>Anthropic requests to Chat Completions requests, checked as the JSON that goes on the wire.</summary>
public sealed class ChatRequestTranslatorTests
{
    [Fact]
    public void Moves_images_returned_by_a_tool_into_a_user_message_after_the_tool_messages()
    {
        var sent = Translate("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[
              {"role":"user","content":"Screenshot please"},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"screenshot","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[
                {"type":"text","text":"Here it is"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
                {"type":"text","text":"What do you see?"}]}]}
            """);

        var messages = sent.GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()!));
        Assert.Equal("Here it is", messages[2].GetProperty("content").GetString());
        var parts = messages[3].GetProperty("content");
        Assert.Equal("Attachments returned by tool call toolu_1:", parts[0].GetProperty("text").GetString());
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("What do you see?", parts[2].GetProperty("text").GetString());
    }

    [Fact]
    public void Sends_documents_as_file_parts_or_text()
    {
        var sent = Translate("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
              {"type":"document","title":"spec","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQ="}},
              {"type":"document","title":"notes","source":{"type":"text","media_type":"text/plain","data":"Line one."}}]}]}
            """);

        var parts = sent.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("file", parts[0].GetProperty("type").GetString());
        Assert.Equal("spec.pdf", parts[0].GetProperty("file").GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64,JVBERi0xLjQ=", parts[0].GetProperty("file").GetProperty("file_data").GetString());
        Assert.Equal("notes\n\nLine one.", parts[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Keeps_a_short_user_id_and_hashes_a_long_one_stably()
    {
        var shortId = Translate("""{"model":"claude-x","max_tokens":1,"metadata":{"user_id":"user-42"},"messages":[{"role":"user","content":"a"}]}""");
        var longBody = """{"model":"claude-x","max_tokens":1,"metadata":{"user_id":"{\"device_id\":\"0123456789abcdef0123456789abcdef\",\"session_id\":\"6a1f\"}"},"messages":[{"role":"user","content":"a"}]}""";

        Assert.Equal("user-42", shortId.GetProperty("user").GetString());
        var hashed = Translate(longBody).GetProperty("user").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", hashed);
        Assert.Equal(hashed, Translate(longBody).GetProperty("user").GetString());
    }

    [Fact]
    public void Sends_no_tool_choice_or_parallel_flag_without_tools_and_no_stream_options_without_streaming()
    {
        var sent = Translate("""{"model":"claude-x","max_tokens":1,"tool_choice":{"type":"any","disable_parallel_tool_use":true},"messages":[{"role":"user","content":"a"}]}""");

        Assert.False(sent.TryGetProperty("tool_choice", out _));
        Assert.False(sent.TryGetProperty("parallel_tool_calls", out _));
        Assert.False(sent.TryGetProperty("stream", out _));
        Assert.False(sent.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public void Skips_an_assistant_turn_that_held_only_thinking()
    {
        var sent = Translate("""
            {"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":"a"},
              {"role":"assistant","content":[{"type":"redacted_thinking","data":"opaque"}]},{"role":"user","content":"b"}]}
            """);

        Assert.Equal(["user", "user"], sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()!));
        Assert.DoesNotContain("opaque", sent.GetRawText());
    }

    [Fact]
    public void Every_translated_fixture_request_obeys_the_chat_wire_rules()
    {
        foreach (var name in new[] { "claude-code-2.1.328-request-first-turn.json", "claude-code-2.1.328-request-tool-result-turn.json" })
        {
            var body = RecordedFixtures.Json(name).GetProperty("body").GetRawText();
            Assert.Empty(ChatWireRules.Check(Translate(body)));
        }

        Assert.Empty(ChatWireRules.Check(Translate(RecordedFixtures.Text("anthropic-request-thinking-tool-result-roundtrip.json"))));
        Assert.Empty(ChatWireRules.Check(Translate(RecordedFixtures.Text("anthropic-request-thinking-tools.json"))));
    }

    private static JsonElement Translate(string anthropicJson)
    {
        var request = JsonSerializer.Deserialize(anthropicJson, AnthropicJsonContext.Default.MessagesRequest)!;
        Assert.Null(MessagesRequestValidator.Validate(request, requireMaxTokens: true));
        var plan = Plans.For(request, "gpt-5.1");
        var chat = ChatRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
        return JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(chat, OpenAIChatJsonContext.Default.ChatCompletionRequest)).RootElement.Clone();
    }
}
