using System.Buffers;
using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams.Chat;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Upstreams.Chat;

/// <summary>The hand-written chunk reader: what it keeps, what it ignores, what it refuses, and what it costs.</summary>
public sealed class ChatChunkParserTests
{
    [Fact]
    public void Reads_escaped_text_as_unescaped_utf8()
    {
        var chunk = Parse("""{"choices":[{"delta":{"content":"a\"b\\c\n\u00e9 \ud83d\ude00 世界"}}]}""");

        Assert.Equal("a\"b\\c\né 😀 世界", Encoding.UTF8.GetString(chunk.Content));
    }

    [Fact]
    public void Ignores_unknown_fields_at_every_level()
    {
        var chunk = Parse("""
            {"id":"x","object":"chat.completion.chunk","created":1,"model":"gpt-5.1","system_fingerprint":null,"obfuscation":"abc",
             "future":{"nested":[1,{"deep":[true,null]}]},
             "choices":[{"index":0,"logprobs":null,"extra":[{}],"delta":{"role":"assistant","annotations":[{"type":"url"}],"content":"hi",
               "tool_calls":[{"index":1,"type":"function","extra":{"a":1},"id":"call_1","function":{"name":"f","arguments":"{}","strict":true}}]},
               "finish_reason":null}],
             "usage":null}
            """);

        Assert.Equal("gpt-5.1", chunk.Model);
        Assert.Equal("hi", Encoding.UTF8.GetString(chunk.Content));
        var call = Assert.Single(chunk.ToolCalls.ToArray());
        Assert.Equal((1, "call_1", "f"), (call.Index, call.Id, call.Name));
        Assert.Equal("{}", Encoding.UTF8.GetString(chunk.ArgumentsOf(call)));
        Assert.Null(chunk.FinishReason);
        Assert.Null(chunk.Usage);
    }

    [Theory]
    [InlineData("""{"choices":[{"delta":{"content":5}}]}""")]
    [InlineData("""{"choices":[{"delta":{"content":{"text":"a"}}}]}""")]
    [InlineData("""{"choices":{"delta":{}}}""")]
    [InlineData("""{"choices":[{"delta":[]}]}""")]
    [InlineData("""{"choices":[{"delta":{},"finish_reason":1}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":"0"}]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":1.5}]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":{"index":0}}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":[]}}]}}]}""")]
    [InlineData("""{"model":7}""")]
    [InlineData("""{"usage":{"prompt_tokens":"many"}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"choices":[{"delta":{"content":"a"}}]} trailing""")]
    [InlineData("""{"choices":[{"delta":{"content":"a""")]
    [InlineData("""{"choices":[{"delta":{"content":"\ud800"}}]}""")]
    public void Refuses_malformed_chunks_as_json_errors(string data)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(data));
    }

    [Fact]
    public void Refuses_invalid_utf8_in_forwarded_text()
    {
        byte[] data = [.. """{"choices":[{"delta":{"content":"ok"""u8, 0xC3, 0x28, .. "\"}}]}"u8];

        Assert.ThrowsAny<JsonException>(() => new ChatChunkParser().Parse(data));
    }

    [Fact]
    public void Reuses_one_chunk_and_forgets_what_the_previous_chunk_said()
    {
        var parser = new ChatChunkParser();
        var first = parser.Parse(Encoding.UTF8.GetBytes(ToolCallChunk(0, "call_1", "f", "{\"a\":")))!;
        Assert.Equal(1, first.ToolCalls.Length);

        var second = parser.Parse(Encoding.UTF8.GetBytes(FinishChunk("tool_calls")))!;

        Assert.Same(first, second);
        Assert.True(second.ToolCalls.IsEmpty);
        Assert.True(second.Content.IsEmpty);
        Assert.Equal("tool_calls", second.FinishReason);
        Assert.Equal("gpt-5.1-2025-11-13", second.Model);

        var last = parser.Parse(Encoding.UTF8.GetBytes(UsageChunk(10, 2)))!;
        Assert.False(last.HasChoice);
        Assert.Null(last.FinishReason);
        Assert.Equal(10, last.Usage!.PromptTokens);
    }

    [Fact]
    public void Keeps_every_fragment_of_a_chunk_with_several_tool_calls_and_grows_its_buffer()
    {
        var longArguments = "{\"text\":\"" + new string('x', 5000) + "\"}";
        var chunk = Parse($$$"""
            {"choices":[{"delta":{"content":"before","tool_calls":[
              {"index":0,"id":"call_a","function":{"name":"a","arguments":{{{JsonSerializer.Serialize(longArguments)}}}}},
              {"index":1,"id":"call_b","function":{"name":"b","arguments":"{\"n\":1}"}}]}}]}
            """);

        Assert.Equal("before", Encoding.UTF8.GetString(chunk.Content));
        Assert.Equal(longArguments, Encoding.UTF8.GetString(chunk.ArgumentsOf(chunk.ToolCalls[0])));
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString(chunk.ArgumentsOf(chunk.ToolCalls[1])));
    }

    [Theory]
    [InlineData("""{"choices":[{"delta":{"reasoning_content":"rc","reasoning":"r"}}]}""")]
    [InlineData("""{"choices":[{"delta":{"reasoning":"r","reasoning_content":"rc"}}]}""")]
    public void Prefers_reasoning_content_to_reasoning_in_any_order(string data)
    {
        Assert.Equal("rc", Encoding.UTF8.GetString(Parse(data).Reasoning));
    }

    [Fact]
    public void Reads_done_as_the_end_and_blank_or_null_data_as_an_empty_chunk()
    {
        var parser = new ChatChunkParser();

        Assert.Null(parser.Parse("[DONE]"u8));
        Assert.False(parser.Parse(" \r\n"u8)!.HasChoice);
        Assert.False(parser.Parse("null"u8)!.HasChoice);
        Assert.False(parser.Parse("""{"choices":[null,{"delta":{"content":"x"}}]}"""u8)!.HasChoice);
    }

    [Fact]
    public void Forwards_text_and_argument_chunks_without_allocating()
    {
        var arguments = Encoding.UTF8.GetBytes(ToolCallChunk(0, null, null, "\"city\": \"Paris, \\\"France\\\"\", "));
        var thinking = Encoding.UTF8.GetBytes(ReasoningChunk("Thinking about it."));
        var text = Encoding.UTF8.GetBytes(TextChunk("Forwarded \"as is\", with ünïcödé and escapes\n"));
        var output = new ArrayBufferWriter<byte>(1024 * 1024);
        var translator = new ChatStreamTranslator(new AnthropicEventWriter(output), "msg_test", "claude-sonnet-4-5", new Usage { InputTokens = 1 });
        translator.Start();
        translator.Feed("", Encoding.UTF8.GetBytes(ToolCallChunk(0, "call_1", "get_weather", "{")));

        long Forward(params byte[][] chunks) => Allocations.Of(() =>
        {
            output.ResetWrittenCount();
            foreach (var chunk in chunks)
            {
                translator.Feed("", chunk);
            }
        });

        var forArguments = Forward(arguments);
        translator.Feed("", Encoding.UTF8.GetBytes(ToolCallChunk(0, null, null, "\"end\": true}")));
        var forText = Forward(thinking, text);

        Assert.False(translator.IsDone);
        Assert.True(forArguments < 1000, $"forwarding 1,000 argument fragments allocated {forArguments} bytes");
        Assert.True(forText < 2000, $"forwarding 2,000 thinking and text chunks allocated {forText} bytes");
    }

    private static ChatCompletionChunk Parse(string data) => new ChatChunkParser().Parse(Encoding.UTF8.GetBytes(data))!;
}
