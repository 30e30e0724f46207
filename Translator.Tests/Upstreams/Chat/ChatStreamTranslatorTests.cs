using System.Buffers;
using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams.Chat;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Upstreams.Chat;

/// <summary>Golden tests: recorded and constructed OpenAI chunk streams to the exact Anthropic event sequence.</summary>
public sealed class ChatStreamTranslatorTests
{
    [Fact]
    public void Streams_text_as_text_deltas_and_holds_message_delta_for_the_usage_chunk()
    {
        var events = Translate(RecordedFixtures.DataPayloads("openai-chat-stream-text-usage.sse"));

        var lines = AnthropicEvents.Lines(events);
        Assert.Equal("message_start", lines[0]);
        Assert.Equal("content_block_start 0 text", lines[1]);
        Assert.Equal(["content_block_stop 0", "message_delta end_turn", "message_stop"], lines[^3..]);
        var text = string.Concat(events.Where(e => e.DeltaType == "text_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.StartsWith("The capital of the UK", text);
        var usage = events.Single(e => e.Name == "message_delta").Data.GetProperty("usage");
        var usageChunk = JsonDocument.Parse(RecordedFixtures.DataPayloads("openai-chat-stream-text-usage.sse")[^2]).RootElement.GetProperty("usage");
        Assert.Equal(usageChunk.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(usageChunk.GetProperty("completion_tokens").GetInt64(), usage.GetProperty("output_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("cache_read_input_tokens").GetInt64());
    }

    [Fact]
    public void Streams_tool_call_arguments_as_input_json_delta_fragments_as_they_arrive()
    {
        var events = Translate(RecordedFixtures.DataPayloads("openai-chat-stream-tool-call-fragments.sse"));

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{\""),
            AnthropicEvent.Delta(0, "input_json_delta", "country"),
            AnthropicEvent.Delta(0, "input_json_delta", "\":\""),
            AnthropicEvent.Delta(0, "input_json_delta", "UK"),
            AnthropicEvent.Delta(0, "input_json_delta", "\"}"),
            "content_block_stop 0",
            "message_delta tool_use",
            "message_stop",
        ], AnthropicEvents.Lines(events));
        var block = events.Single(e => e.Name == "content_block_start").Data.GetProperty("content_block");
        Assert.Equal("call_ZR5UUuTt3pf61kjwAJIYdVMj", block.GetProperty("id").GetString());
        Assert.Equal("get_capital", block.GetProperty("name").GetString());
        Assert.Equal("{}", block.GetProperty("input").GetRawText());
        Assert.Equal("direct", block.GetProperty("caller").GetProperty("type").GetString());
    }

    [Fact]
    public void Gives_each_parallel_tool_call_its_own_block()
    {
        var events = Translate(RecordedFixtures.DataPayloads("openai-chat-stream-parallel-tool-calls.sse"));

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{}"),
            "content_block_stop 0",
            "content_block_start 1 tool_use",
            AnthropicEvent.Delta(1, "input_json_delta", "{}"),
            "content_block_stop 1",
            "message_delta tool_use",
            "message_stop",
        ], AnthropicEvents.Lines(events));
        Assert.Equal(["get_country", "get_product_name"], events.Where(e => e.Name == "content_block_start").Select(e => e.Data.GetProperty("content_block").GetProperty("name").GetString()));
    }

    [Fact]
    public void Streams_reasoning_content_as_a_thinking_block_before_the_text_and_takes_usage_from_the_finish_chunk()
    {
        var events = Translate(RecordedFixtures.DataPayloads("deepseek-chat-stream-reasoning-content.sse"));

        var lines = AnthropicEvents.Lines(events);
        Assert.Equal("content_block_start 0 thinking", lines[1]);
        var signatureAt = lines.FindIndex(l => l.StartsWith("content_block_delta 0 signature_delta \"ccx1t.", StringComparison.Ordinal));
        Assert.Equal("content_block_stop 0", lines[signatureAt + 1]);
        Assert.Equal("content_block_start 1 text", lines[signatureAt + 2]);
        Assert.Equal(["content_block_stop 1", "message_delta end_turn", "message_stop"], lines[^3..]);
        var start = events.First(e => e.Name == "content_block_start").Data.GetProperty("content_block");
        Assert.Equal("""{"type":"thinking","thinking":"","signature":""}""", start.GetRawText());
        var usage = events.Single(e => e.Name == "message_delta").Data.GetProperty("usage");
        Assert.Equal(6, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(212, usage.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void Closes_the_thinking_block_before_a_tool_call_and_keeps_cached_tokens_apart()
    {
        var events = Translate(RecordedFixtures.DataPayloads("deepseek-chat-stream-reasoning-tool-call.jsonl"));

        var lines = AnthropicEvents.Lines(events);
        Assert.Equal("content_block_start 0 thinking", lines[1]);
        Assert.Contains("content_block_start 1 tool_use", lines);
        Assert.Equal("message_delta tool_use", lines[^2]);
        var arguments = string.Concat(events.Where(e => e.DeltaType == "input_json_delta").Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal("location", JsonDocument.Parse(arguments).RootElement.EnumerateObject().Single().Name);
        var usage = events.Single(e => e.Name == "message_delta").Data.GetProperty("usage");
        Assert.Equal(320, usage.GetProperty("cache_read_input_tokens").GetInt64());
        Assert.Equal(339 - 320, usage.GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public void Reads_reasoning_from_the_reasoning_field_skips_comments_and_keeps_an_answer_that_finished_before_an_error()
    {
        var events = Translate(RecordedFixtures.DataPayloads("openrouter-chat-stream-length-midstream-error.sse"));

        var lines = AnthropicEvents.Lines(events);
        Assert.Equal("content_block_start 0 thinking", lines[1]);
        Assert.Equal(["message_delta max_tokens", "message_stop"], lines[^2..]);
        Assert.DoesNotContain(lines, l => l.StartsWith("error", StringComparison.Ordinal));
        Assert.Equal(10, events.Single(e => e.Name == "message_delta").Data.GetProperty("usage").GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void Ends_with_an_error_event_when_the_upstream_reports_an_error_before_finishing()
    {
        var events = Translate([TextChunk("Hel"), """{"error":{"code":429,"message":"Rate limited upstream"}}""", "[DONE]"]);

        Assert.Equal(["message_start", "content_block_start 0 text", AnthropicEvent.Delta(0, "text_delta", "Hel"), "error rate_limit_error"], AnthropicEvents.Lines(events));
        Assert.Equal("Rate limited upstream", events[^1].Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Treats_a_stream_that_ends_without_finish_reason_as_an_error()
    {
        var events = Translate([TextChunk("Hello"), "[DONE]"]);

        Assert.Equal("error api_error", AnthropicEvents.Lines(events)[^1]);
        Assert.DoesNotContain(events, e => e.Name == "message_stop");
    }

    [Fact]
    public void Opens_a_tool_block_only_once_the_call_id_and_name_are_known()
    {
        var events = Translate(
        [
            ToolCallChunk(0, null, null, "{\"q\":"),
            ToolCallChunk(0, "call_late", "search", null),
            ToolCallChunk(0, null, null, "\"x\"}"),
            FinishChunk("tool_calls"),
            UsageChunk(10, 5),
            "[DONE]",
        ]);

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{\"q\":"),
            AnthropicEvent.Delta(0, "input_json_delta", "\"x\"}"),
            "content_block_stop 0",
            "message_delta tool_use",
            "message_stop",
        ], AnthropicEvents.Lines(events));
        Assert.Equal("call_late", events[2].Data.GetProperty("content_block").GetProperty("id").GetString());
    }

    [Fact]
    public void Holds_back_a_call_that_interleaves_with_an_unfinished_one_until_that_one_is_complete()
    {
        var events = Translate(
        [
            ToolCallChunk(0, "call_a", "first", "{\"a\":"),
            ToolCallChunk(1, "call_b", "second", "{\"b\":"),
            ToolCallChunk(0, null, null, "1}"),
            ToolCallChunk(1, null, null, "2}"),
            FinishChunk("tool_calls"),
            UsageChunk(10, 5),
        ]);

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{\"a\":"),
            AnthropicEvent.Delta(0, "input_json_delta", "1}"),
            "content_block_stop 0",
            "content_block_start 1 tool_use",
            AnthropicEvent.Delta(1, "input_json_delta", "{\"b\":"),
            AnthropicEvent.Delta(1, "input_json_delta", "2}"),
            "content_block_stop 1",
            "message_delta tool_use",
            "message_stop",
        ], AnthropicEvents.Lines(events));
    }

    [Fact]
    public void Gives_a_call_without_arguments_an_empty_object_and_closes_text_before_it()
    {
        var events = Translate([TextChunk("Let me check."), ToolCallChunk(0, "call_t", "get_time", null), FinishChunk("tool_calls"), UsageChunk(3, 2)]);

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 text",
            AnthropicEvent.Delta(0, "text_delta", "Let me check."),
            "content_block_stop 0",
            "content_block_start 1 tool_use",
            AnthropicEvent.Delta(1, "input_json_delta", "{}"),
            "content_block_stop 1",
            "message_delta tool_use",
            "message_stop",
        ], AnthropicEvents.Lines(events));
    }

    [Fact]
    public void Opens_no_block_for_empty_deltas_and_reports_a_refusal()
    {
        var events = Translate(
        [
            Chunk(new() { ["role"] = "assistant", ["content"] = "" }),
            Chunk(new() { ["refusal"] = "I can't help with that." }),
            FinishChunk("stop"),
            UsageChunk(3, 2),
        ]);

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 text",
            AnthropicEvent.Delta(0, "text_delta", "I can't help with that."),
            "content_block_stop 0",
            "message_delta refusal",
            "message_stop",
        ], AnthropicEvents.Lines(events));
    }

    [Fact]
    public void Starts_with_message_start_carrying_the_requested_model_and_the_input_estimate_then_a_ping()
    {
        var events = Translate([FinishChunk("stop")]);

        Assert.Equal("ping", events[1].Name);
        var message = events[0].Data.GetProperty("message");
        Assert.Equal("msg_test", message.GetProperty("id").GetString());
        Assert.Equal("claude-sonnet-4-5", message.GetProperty("model").GetString());
        Assert.Equal(100, message.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(0, message.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        // No usage chunk at all: the estimate stands in.
        Assert.Equal(100, events.Single(e => e.Name == "message_delta").Data.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public void Writes_utf8_text_unescaped_as_anthropic_does()
    {
        var output = TranslateRaw([TextChunk("Grüße, 世界 <ok> & 'quotes'"), FinishChunk("stop"), UsageChunk(1, 1)]);

        Assert.Contains("\"text\":\"Grüße, 世界 <ok> & 'quotes'\"", output);
    }

    [Fact]
    public void Ends_with_an_error_instead_of_closing_a_finished_call_whose_arguments_stopped_short()
    {
        var events = Translate([ToolCallChunk(0, "call_w", "get_weather", "{\"city\":"), ToolCallChunk(0, null, null, "\"Par"), FinishChunk("tool_calls"), UsageChunk(10, 5)]);

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":"),
            AnthropicEvent.Delta(0, "input_json_delta", "\"Par"),
            "error api_error",
        ], AnthropicEvents.Lines(events));
        Assert.Contains("tool get_weather", events[^1].Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"Paris\"")]
    [InlineData("{\"city\":\"Paris\"}}")]
    public void Ends_with_an_error_before_forwarding_arguments_that_cannot_be_an_object(string arguments)
    {
        var events = Translate([ToolCallChunk(0, "call_w", "get_weather", null), ToolCallChunk(0, null, null, arguments), FinishChunk("tool_calls"), UsageChunk(10, 5)]);

        Assert.Equal(["message_start", "content_block_start 0 tool_use", "error api_error"], AnthropicEvents.Lines(events));
    }

    [Fact]
    public void Ends_with_an_error_when_text_follows_a_call_whose_arguments_stopped_short()
    {
        var events = Translate([ToolCallChunk(0, "call_w", "get_weather", "{\"city\":"), TextChunk("Done."), FinishChunk("stop"), UsageChunk(10, 5)]);

        Assert.Equal(["message_start", "content_block_start 0 tool_use", AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":"), "error api_error"], AnthropicEvents.Lines(events));
    }

    [Fact]
    public void Closes_a_call_cut_by_the_token_limit_and_stops_with_max_tokens()
    {
        var events = Translate([ToolCallChunk(0, "call_w", "get_weather", "{\"city\":\"Par"), ToolCallChunk(1, "call_t", "get_time", "{\"tz\":"), FinishChunk("length"), UsageChunk(10, 5)]);

        Assert.Equal(
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":\"Par"),
            "content_block_stop 0",
            "content_block_start 1 tool_use",
            AnthropicEvent.Delta(1, "input_json_delta", "{\"tz\":"),
            "content_block_stop 1",
            "message_delta max_tokens",
            "message_stop",
        ], AnthropicEvents.Lines(events));
    }

    private static List<AnthropicEvent> Translate(IEnumerable<string> payloads)
    {
        var events = AnthropicEvents.Parse(TranslateRaw(payloads));
        AnthropicEvents.AssertGrammar(events);
        return events;
    }

    /// <summary>Drives the translator as the stream loop does: chunk by chunk, [DONE] or the end of the body last.</summary>
    private static string TranslateRaw(IEnumerable<string> payloads)
    {
        var output = new ArrayBufferWriter<byte>();
        var translator = new ChatStreamTranslator(new AnthropicEventWriter(output), "msg_test", "claude-sonnet-4-5", new Usage { InputTokens = 100 });
        translator.Start();
        foreach (var payload in payloads)
        {
            translator.Feed(string.Empty, Encoding.UTF8.GetBytes(payload));
        }

        translator.OnUpstreamEnd();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
