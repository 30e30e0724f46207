using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams.Chat;

public sealed class ChatResponseTranslatorTests
{
    [Fact]
    public void Translates_the_recorded_gpt5_tool_call_with_reasoning_tokens()
    {
        var message = Translate(RecordedFixtures.Text("openai-chat-tool-call-reasoning-tokens.json"));

        var call = Assert.IsType<ResponseToolUseBlock>(Assert.Single(message.Content));
        Assert.Equal(StopReasons.ToolUse, message.StopReason);
        Assert.Equal(JsonValueKind.Object, call.Input.ValueKind);
        Assert.StartsWith("call_", call.Id);
    }

    [Fact]
    public void Never_returns_an_empty_text_block()
    {
        var message = Translate(ChatReplies.Completion("", "tool_calls", new System.Text.Json.Nodes.JsonArray(ChatReplies.ToolCall("call_1", "f", "{}"))));

        Assert.IsType<ResponseToolUseBlock>(Assert.Single(message.Content));
    }

    [Theory]
    [InlineData("stop", false, "end_turn")]
    [InlineData("length", false, "max_tokens")]
    [InlineData("tool_calls", true, "tool_use")]
    [InlineData("function_call", true, "tool_use")]
    [InlineData("stop", true, "tool_use")]
    [InlineData("content_filter", false, "refusal")]
    [InlineData(null, false, "end_turn")]
    public void Maps_finish_reasons_to_stop_reasons(string? finishReason, bool hasToolUse, string expected)
    {
        Assert.Equal(expected, ChatStopReasonMap.FromFinishReason(finishReason, hasToolUse));
    }

    [Fact]
    public void Rejects_tool_arguments_that_are_not_a_json_object()
    {
        var completion = JsonSerializer.Deserialize(
            ChatReplies.Completion(null, "tool_calls", new System.Text.Json.Nodes.JsonArray(ChatReplies.ToolCall("call_1", "f", "{\"a\":"))),
            OpenAIChatJsonContext.Default.ChatCompletion)!;

        Assert.Null(ChatResponseTranslator.Translate(completion, "claude-x", ClientProfile.Anthropic, out var error));
        Assert.Equal(502, error!.StatusCode);
    }

    [Theory]
    [InlineData("call_abc-DEF_123")]
    [InlineData("functions.get_weather:0")]
    [InlineData("toolu_enc_looks-like-ours")]
    [InlineData("id with spaces/and\u00e9")]
    public void Tool_ids_round_trip_and_always_fit_anthropics_pattern(string upstreamId)
    {
        var anthropicId = ToolIdCodec.ToAnthropic(upstreamId);

        Assert.Matches("^[a-zA-Z0-9_-]+$", anthropicId);
        Assert.Equal(upstreamId, ToolIdCodec.ToUpstream(anthropicId));
    }

    private static MessagesResponse Translate(string completionJson)
    {
        var completion = JsonSerializer.Deserialize(completionJson, OpenAIChatJsonContext.Default.ChatCompletion)!;
        var message = ChatResponseTranslator.Translate(completion, "claude-sonnet-4-5", ClientProfile.Anthropic, out var error);
        Assert.Null(error);
        return message!;
    }
}
