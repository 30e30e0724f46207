using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Translator.Api.Anthropic;

namespace Translator.Tests.Anthropic;

/// <summary>The Anthropic stream grammar as the bytes the client reads, event by event.</summary>
public sealed class AnthropicEventWriterTests
{
    private readonly ArrayBufferWriter<byte> _output = new();

    [Fact]
    public void Message_start_carries_an_empty_assistant_message_and_the_usage()
    {
        Writer().MessageStart("msg_1", "claude-sonnet-4-5", new Usage { InputTokens = 12, CacheReadInputTokens = 3, CacheCreationInputTokens = 2, OutputTokens = 1 });

        Assert.Equal(
            """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":2,"cache_read_input_tokens":3,"output_tokens":1}}}


            """,
            Written());
    }

    [Fact]
    public void A_ping_is_its_type_alone()
    {
        Writer().Ping();

        Assert.Equal("event: ping\ndata: {\"type\":\"ping\"}\n\n", Written());
    }

    [Fact]
    public void A_text_block_opens_on_its_first_delta_and_closes_with_its_index()
    {
        var writer = Writer();
        writer.TextDelta("Hel");
        writer.TextDelta("lo"u8);
        writer.CloseBlock();

        Assert.Equal(
            """
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """,
            Written());
        Assert.Equal(BlockKind.None, writer.OpenBlock);
        Assert.Equal(1, writer.BlockCount);
    }

    [Fact]
    public void Text_escapes_quotes_and_control_characters_and_sends_accents_and_cjk_as_utf8()
    {
        // Characters beyond the BMP (the emoji) are escaped as a surrogate pair: still the same JSON string.
        Writer().TextDelta("Il a dit \"à\tbientôt\"\n— 東京 😀 <b>&\\");

        var delta = Written().Split("\n\n")[1];
        Assert.Equal(
            """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Il a dit \"à\tbientôt\"\n— 東京 \uD83D\uDE00 <b>&\\"}}
            """,
            delta);
    }

    [Fact]
    public void A_thinking_block_shows_its_text_and_ends_with_the_signature_of_it()
    {
        var writer = Writer();
        writer.ThinkingDelta("Two plus "u8);
        writer.ThinkingDelta("two."u8);
        writer.CloseBlock();

        Assert.Equal(
            $$$"""
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Two plus "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"two."}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"{{{ThinkingSignature.ForText("Two plus two.")}}}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """,
            Written());
    }

    [Fact]
    public void Omitted_thinking_is_an_empty_block_signed_for_the_text_not_shown()
    {
        var writer = Writer(ThinkingDisplay.Omitted);
        writer.ThinkingDelta("Secret "u8);
        writer.ThinkingDelta("reasoning"u8);
        writer.CloseBlock();

        Assert.Equal(
            $$$"""
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"{{{ThinkingSignature.ForText("Secret reasoning")}}}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """,
            Written());
    }

    [Fact]
    public void Thinking_is_not_written_at_all_when_it_was_not_asked_for()
    {
        var writer = Writer(ThinkingDisplay.None);
        writer.ThinkingDelta("hidden"u8);
        writer.OpenThinking();
        writer.CloseBlock();

        Assert.Equal("", Written());
        Assert.Equal(0, writer.BlockCount);
    }

    [Fact]
    public void A_signature_the_translator_set_replaces_the_hash()
    {
        var writer = Writer();
        writer.OpenThinking();
        writer.SetThinkingSignature("gAAAA-encrypted");
        writer.CloseBlock();

        Assert.Contains("""{"type":"signature_delta","signature":"gAAAA-encrypted"}""", Written());
    }

    [Fact]
    public void A_tool_use_starts_with_an_empty_input_that_input_json_deltas_fill()
    {
        var writer = Writer();
        writer.StartToolUse("toolu_1", "get_weather");
        writer.InputJsonDelta("{\"city\":");
        writer.InputJsonDelta("\"Paris\"}"u8);
        writer.CloseBlock();

        Assert.Equal(
            """
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{},"caller":{"type":"direct"}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """,
            Written());
    }

    [Fact]
    public void Amp_gets_an_empty_signature_on_a_tool_use()
    {
        new AnthropicEventWriter(_output, ClientProfile.Amp).StartToolUse("toolu_1", "Bash");

        Assert.Contains("""{"type":"tool_use","id":"toolu_1","name":"Bash","input":{},"caller":{"type":"direct"},"signature":""}""", Written());
    }

    [Fact]
    public void Blocks_are_numbered_contiguously_and_each_new_block_closes_the_one_open()
    {
        var writer = Writer();
        writer.ThinkingDelta("Hmm"u8);
        writer.TextDelta("Let me look.");
        writer.StartToolUse("toolu_1", "get_weather");
        writer.StartToolUse("toolu_2", "get_time");
        writer.MessageEnd("tool_use", null, new Usage());

        var events = Written().Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('\n')[0]["event: ".Length..] + " " + Index(e)).ToList();
        Assert.Equal(
            [
                "content_block_start 0", "content_block_delta 0", "content_block_delta 0", "content_block_stop 0",
                "content_block_start 1", "content_block_delta 1", "content_block_stop 1",
                "content_block_start 2", "content_block_stop 2",
                "content_block_start 3", "content_block_stop 3",
                "message_delta -", "message_stop -",
            ],
            events);
        Assert.Equal(4, writer.BlockCount);
    }

    [Fact]
    public void The_message_ends_with_message_delta_carrying_the_usage_then_message_stop()
    {
        var writer = Writer();
        writer.TextDelta("Hi");
        _output.Clear();
        writer.MessageEnd("stop_sequence", "END", new Usage { InputTokens = 20, OutputTokens = 7, ServerToolUse = new ServerToolUsage(2) });

        Assert.Equal(
            """
            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"END"},"usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":7,"server_tool_use":{"web_search_requests":2,"web_fetch_requests":0}}}

            event: message_stop
            data: {"type":"message_stop"}


            """,
            Written());
    }

    [Fact]
    public void The_applied_context_edits_ride_on_message_delta()
    {
        var writer = Writer();
        writer.AppliedEdits = [new AppliedClearToolUses(2, 40)];
        writer.MessageEnd("end_turn", null, new Usage { OutputTokens = 1 });

        var data = Written().Split("\n\n")[0].Split("data: ")[1];
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1},"context_management":{"applied_edits":[{"type":"clear_tool_uses_20250919","cleared_tool_uses":2,"cleared_input_tokens":40}]}}"""),
                JsonNode.Parse(data)),
            data);
    }

    [Fact]
    public void An_error_is_the_anthropic_envelope_with_the_request_id()
    {
        Writer().Error(ApiError.Overloaded("Busy \"now\"."), "req_1");

        Assert.Equal(
            """
            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Busy \"now\"."},"request_id":"req_1"}


            """,
            Written());
    }

    [Fact]
    public void An_error_without_a_request_id_leaves_it_out()
    {
        Writer().Error(ApiError.BadGateway("Broken."), null);

        Assert.Equal("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Broken.\"}}\n\n", Written());
    }

    private AnthropicEventWriter Writer(ThinkingDisplay thinking = ThinkingDisplay.Summarized) => new(_output, ClientProfile.Anthropic, thinking);

    /// <summary>What was written, with the raw string literals' line ends.</summary>
    private string Written() => Encoding.UTF8.GetString(_output.WrittenSpan);

    private static string Index(string sseEvent)
    {
        const string Key = "\"index\":";
        var at = sseEvent.IndexOf(Key, StringComparison.Ordinal);
        return at < 0 ? "-" : sseEvent[(at + Key.Length)..].Split(',', '}')[0];
    }
}
