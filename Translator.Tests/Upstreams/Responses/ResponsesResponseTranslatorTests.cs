using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ResponsesReplies;

namespace Translator.Tests.Upstreams.Responses;

/// <summary>Complete Responses answers to Anthropic messages, checked as the JSON the client receives.</summary>
public sealed class ResponsesResponseTranslatorTests
{
    [Fact]
    public void Translates_the_recorded_codex_answer_into_thinking_with_its_encrypted_reasoning_then_the_tool_call()
    {
        // The complete response is the one the recorded stream's response.completed carries.
        var completed = RecordedFixtures.DataPayloads("openai-responses-stream-codex-reasoning-summary-function-call.jsonl")
            .Select(p => JsonDocument.Parse(p).RootElement)
            .Single(e => e.GetProperty("type").GetString() == "response.completed")
            .GetProperty("response");

        var (message, error) = Translate(completed.GetRawText());

        Assert.Null(error);
        var content = message!.Value.GetProperty("content");
        Assert.Equal(["thinking", "tool_use"], content.EnumerateArray().Select(b => b.GetProperty("type").GetString()!));
        Assert.StartsWith("**Calculating step-by-step using calculator**", content[0].GetProperty("thinking").GetString());
        Assert.True(ReasoningSignature.TryDecode(content[0].GetProperty("signature").GetString(), out var itemId, out var encrypted));
        Assert.StartsWith("rs_", itemId);
        Assert.NotEmpty(encrypted);
        Assert.Equal("call_AB6AaRZ1FYZB2RwS6A5vbdqn", content[1].GetProperty("id").GetString());
        Assert.Equal("calculator", content[1].GetProperty("name").GetString());
        Assert.Equal(12, content[1].GetProperty("input").GetProperty("a").GetInt32());
        Assert.Equal("tool_use", message.Value.GetProperty("stop_reason").GetString());
        Assert.Equal(134, message.Value.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(28, message.Value.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("claude-sonnet-4-5", message.Value.GetProperty("model").GetString());
        Assert.StartsWith("msg_", message.Value.GetProperty("id").GetString());
    }

    [Fact]
    public void Keeps_cached_input_apart_and_ends_the_turn_on_text()
    {
        var (message, _) = Translate(Complete([new Message("Hello.")], input: 1200, output: 7, cached: 1000));

        Assert.Equal("Hello.", message!.Value.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("end_turn", message.Value.GetProperty("stop_reason").GetString());
        var usage = message.Value.GetProperty("usage");
        Assert.Equal(200, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(1000, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("output_tokens").GetInt32());
    }

    [Theory]
    [InlineData("max_output_tokens", "max_tokens")]
    [InlineData("content_filter", "refusal")]
    public void Maps_an_incomplete_response_to_its_stop_reason(string reason, string expected)
    {
        var (message, _) = Translate(Complete([new Message("Partial")], status: "incomplete", incompleteReason: reason));

        Assert.Equal(expected, message!.Value.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void Answers_a_failed_response_with_its_error_mapped_to_an_anthropic_type()
    {
        var failed = """{"id":"resp_1","status":"failed","output":[],"error":{"code":"rate_limit_exceeded","message":"Slow down."}}""";

        var (message, error) = Translate(failed);

        Assert.Null(message);
        Assert.Equal("rate_limit_error", error!.Type);
        Assert.Contains("Slow down.", error.Message);
    }

    [Fact]
    public void Rejects_tool_arguments_that_are_not_a_json_object()
    {
        var (message, error) = Translate(Complete([new FunctionCall("call_1", "f", "[1,2]")]));

        Assert.Null(message);
        Assert.Equal(502, error!.StatusCode);
    }

    [Fact]
    public void Gives_amp_a_signature_on_every_tool_use_block()
    {
        var (message, _) = Translate(Complete([new FunctionCall("call_1", "f", """{"x":1}""")]), ClientProfile.Amp);

        Assert.Equal(string.Empty, message!.Value.GetProperty("content")[0].GetProperty("signature").GetString());
    }

    private static (JsonElement? Message, ApiError? Error) Translate(string responseJson, ClientProfile profile = ClientProfile.Anthropic)
    {
        var response = JsonSerializer.Deserialize(responseJson, OpenAIResponsesJsonContext.Default.ResponsesResponse)!;
        var message = ResponsesResponseTranslator.Translate(response, "claude-sonnet-4-5", profile, out var error);
        return (message is null ? null : JsonDocument.Parse(JsonSerializer.Serialize(message, AnthropicJson.MessagesResponse)).RootElement.Clone(), error);
    }
}
