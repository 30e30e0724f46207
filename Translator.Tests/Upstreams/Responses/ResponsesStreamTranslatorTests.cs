using System.Buffers;
using System.Text;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams.Responses;

/// <summary>Golden tests: recorded Responses event streams to the exact Anthropic event sequence.</summary>
public sealed class ResponsesStreamTranslatorTests
{
    [Fact]
    public void Carries_encrypted_reasoning_as_the_thinking_signature_and_streams_function_arguments()
    {
        var events = Translate(RecordedFixtures.DataPayloads("openai-responses-stream-gpt5-function-call.sse"));

        var lines = AnthropicEvents.Lines(events);
        Assert.Equal("content_block_start 0 thinking", lines[1]);
        var signature = events.Single(e => e.DeltaType == "signature_delta").Data.GetProperty("delta").GetProperty("signature").GetString();
        Assert.True(ReasoningSignature.TryDecode(signature, out var id, out var encrypted));
        Assert.StartsWith("rs_", id);
        Assert.False(string.IsNullOrEmpty(encrypted));
        Assert.Contains("content_block_start 1 tool_use", lines);
        Assert.Equal(6, events.Count(e => e.DeltaType == "input_json_delta"));
        Assert.Equal(["content_block_stop 1", "message_delta tool_use", "message_stop"], lines[^3..]);
        var usage = events.Single(e => e.Name == "message_delta").Data.GetProperty("usage");
        Assert.Equal(469, usage.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void Streams_a_codex_reasoning_summary_as_thinking_deltas_before_the_call()
    {
        var payloads = RecordedFixtures.DataPayloads("openai-responses-stream-codex-reasoning-summary-function-call.jsonl");
        var events = Translate(payloads);

        Assert.Equal(32, events.Count(e => e.DeltaType == "thinking_delta"));
        var start = events.First(e => e.Name == "content_block_start" && e.Index == 1).Data.GetProperty("content_block");
        Assert.Equal("tool_use", start.GetProperty("type").GetString());
        Assert.Equal("calculator", start.GetProperty("name").GetString());
        var arguments = string.Concat(events.Where(e => e.DeltaType == "input_json_delta").Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(arguments).RootElement.ValueKind);
        Assert.Equal("message_delta tool_use", AnthropicEvents.Lines(events)[^2]);
    }

    [Fact]
    public void Ends_with_the_upstreams_error_mapped_to_an_anthropic_type()
    {
        var events = Translate(RecordedFixtures.DataPayloads("openai-responses-stream-error-failed.jsonl"));

        Assert.Equal(["message_start", "error billing_error"], AnthropicEvents.Lines(events));
        Assert.Contains("exceeded your current quota", events[^1].Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Treats_a_stream_without_response_completed_as_an_error()
    {
        var events = Translate(["""{"type":"response.created","response":{"model":"gpt-5.1-codex"}}""", """{"type":"response.output_text.delta","delta":"Hi"}"""]);

        Assert.Equal("error api_error", AnthropicEvents.Lines(events)[^1]);
    }

    [Fact]
    public void Maps_an_incomplete_response_to_max_tokens()
    {
        var events = Translate(
        [
            """{"type":"response.output_item.added","item":{"type":"message","content":[]}}""",
            """{"type":"response.output_text.delta","delta":"Once upon"}""",
            """{"type":"response.output_item.done","item":{"type":"message"}}""",
            """{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":16}}}""",
        ]);

        Assert.Equal("message_delta max_tokens", AnthropicEvents.Lines(events)[^2]);
    }

    [Fact]
    public void Ends_with_an_error_instead_of_closing_a_finished_call_whose_arguments_stopped_short()
    {
        var events = Translate(Call(["{\\\"city\\\":", "\\\"Par"], done: "{\\\"city\\\":\\\"Par", Completed));

        var lines = AnthropicEvents.Lines(events);
        Assert.Equal([AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":"), AnthropicEvent.Delta(0, "input_json_delta", "\"Par"), "error api_error"], lines[^3..]);
        Assert.DoesNotContain("content_block_stop 0", lines);
        Assert.Contains("tool get_weather", events[^1].Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\\\"Paris\\\"")]
    public void Ends_with_an_error_before_forwarding_arguments_that_cannot_be_an_object(string arguments)
    {
        var streamed = Translate(Call([arguments], done: arguments, Completed));
        var onlyDone = Translate(Call([], done: arguments, Completed));

        Assert.Equal(["message_start", "content_block_start 0 tool_use", "error api_error"], AnthropicEvents.Lines(streamed));
        Assert.Equal(["message_start", "content_block_start 0 tool_use", "error api_error"], AnthropicEvents.Lines(onlyDone));
    }

    [Fact]
    public void Ends_with_an_error_when_another_item_follows_a_call_whose_arguments_stopped_short()
    {
        var events = Translate(
        [
            .. Call(["{\\\"city\\\":"], done: "{\\\"city\\\":", ""),
            """{"type":"response.output_item.added","item":{"type":"message","content":[]}}""",
            """{"type":"response.output_text.delta","delta":"Done."}""",
            Completed,
        ]);

        Assert.Equal(["message_start", "content_block_start 0 tool_use", AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":"), "error api_error"], AnthropicEvents.Lines(events));
    }

    [Fact]
    public void Streams_whole_arguments_and_those_sent_only_with_the_done_item_as_before()
    {
        var streamed = Translate(Call(["{\\\"city\\\":", "\\\"Paris\\\"}"], done: "{\\\"city\\\":\\\"Paris\\\"}", Completed));
        var onlyDone = Translate(Call([], done: "{\\\"city\\\":\\\"Paris\\\"}", Completed));
        var none = Translate(Call([], done: "", Completed));

        Assert.Equal(["content_block_stop 0", "message_delta tool_use", "message_stop"], AnthropicEvents.Lines(streamed)[^3..]);
        Assert.Equal(AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":\"Paris\"}"), AnthropicEvents.Lines(onlyDone)[2]);
        Assert.Equal(["content_block_stop 0", "message_delta tool_use", "message_stop"], AnthropicEvents.Lines(onlyDone)[^3..]);
        Assert.Equal(AnthropicEvent.Delta(0, "input_json_delta", "{}"), AnthropicEvents.Lines(none)[2]);
    }

    [Fact]
    public void Closes_a_call_cut_by_the_token_limit_and_stops_with_max_tokens()
    {
        const string incomplete = """{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":16}}}""";
        var afterDone = Translate(Call(["{\\\"city\\\":\\\"Par"], done: "{\\\"city\\\":\\\"Par", incomplete));
        var withoutDone = Translate(Call(["{\\\"city\\\":\\\"Par"], done: null, incomplete));

        string[] expected =
        [
            "message_start",
            "content_block_start 0 tool_use",
            AnthropicEvent.Delta(0, "input_json_delta", "{\"city\":\"Par"),
            "content_block_stop 0",
            "message_delta max_tokens",
            "message_stop",
        ];
        Assert.Equal(expected, AnthropicEvents.Lines(afterDone));
        Assert.Equal(expected, AnthropicEvents.Lines(withoutDone));
    }

    private const string Completed = """{"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":5,"output_tokens":16}}}""";

    /// <summary>A get_weather call: its argument deltas (JSON-escaped), its done item (none when null), then <paramref name="end"/> (nothing when empty).</summary>
    private static IEnumerable<string> Call(IEnumerable<string> deltas, string? done, string end)
    {
        yield return """{"type":"response.output_item.added","item":{"type":"function_call","call_id":"call_w","name":"get_weather","arguments":""}}""";
        foreach (var delta in deltas)
        {
            yield return $$$"""{"type":"response.function_call_arguments.delta","delta":"{{{delta}}}"}""";
        }

        if (done is not null)
        {
            yield return $$$"""{"type":"response.output_item.done","item":{"type":"function_call","call_id":"call_w","name":"get_weather","arguments":"{{{done}}}"}}""";
        }

        if (end.Length > 0)
        {
            yield return end;
        }
    }

    private static List<AnthropicEvent> Translate(IEnumerable<string> payloads)
    {
        var output = new ArrayBufferWriter<byte>();
        var translator = new ResponsesStreamTranslator(new AnthropicEventWriter(output), "msg_test", "claude-sonnet-4-5", new Usage { InputTokens = 10 });
        translator.Start();
        foreach (var payload in payloads)
        {
            translator.Feed(string.Empty, Encoding.UTF8.GetBytes(payload));
        }

        translator.OnUpstreamEnd();
        var events = AnthropicEvents.Parse(Encoding.UTF8.GetString(output.WrittenSpan));
        AnthropicEvents.AssertGrammar(events);
        return events;
    }
}
