using System.Buffers;
using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams.Responses;

/// <summary>The Responses event reader: text deltas in place, every other event whole.</summary>
public sealed class ResponsesEventParserTests
{
    [Theory]
    [InlineData("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":1,"content_index":0,"delta":"Gr\u00fc\u00dfe \"x\"\n","logprobs":[],"sequence_number":7}""")]
    [InlineData("""{"sequence_number":7,"delta":"Grüße \"x\"\n","extra":{"a":[1,{"b":null}]},"type":"response.output_text.delta"}""")]
    public void Reads_a_text_delta_in_place_wherever_its_type_is(string data)
    {
        var item = Parse(data);

        Assert.Equal(ResponsesStreamItem.OutputTextDelta, item.Type);
        Assert.Null(item.Event);
        Assert.Equal("Grüße \"x\"\n", Encoding.UTF8.GetString(item.Delta));
    }

    [Fact]
    public void Takes_the_type_of_a_delta_without_one_from_the_event_name()
    {
        var item = new ResponsesEventParser().Parse(ResponsesStreamItem.FunctionCallArgumentsDelta, """{"delta":"{\"a\":1}"}"""u8)!;

        Assert.Equal(ResponsesStreamItem.FunctionCallArgumentsDelta, item.Type);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(item.Delta));
    }

    [Fact]
    public void Deserializes_every_other_event_whole()
    {
        var parser = new ResponsesEventParser();
        var added = parser.Parse("", """{"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","call_id":"call_1","name":"f","arguments":""}}"""u8)!;
        Assert.Equal("function_call", added.Event!.Item!.Type);
        Assert.True(added.Delta.IsEmpty);

        var named = parser.Parse("response.in_progress", """{"response":{"model":"gpt-5.4"}}"""u8)!;
        Assert.Equal("response.in_progress", named.Type);
        Assert.Equal("gpt-5.4", named.Event!.Response!.Model);

        Assert.Equal("keep-alive", parser.Parse("", "  "u8)!.Type);
    }

    [Theory]
    [InlineData("""{"type":"response.output_text.delta","delta":5}""")]
    [InlineData("""{"type":"response.output_text.delta","delta":{"text":"a"}}""")]
    [InlineData("""{"type":"response.output_text.delta","delta":"a"} trailing""")]
    [InlineData("""{"type":"response.output_text.delta","delta":"a""")]
    [InlineData("""{"type":"response.output_text.delta","delta":"\udc00"}""")]
    [InlineData("""{"type":"response.output_item.added","item":[]}""")]
    public void Refuses_malformed_events_as_json_errors(string data)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(data));
    }

    [Fact]
    public void Forwards_text_and_argument_deltas_without_allocating()
    {
        var output = new ArrayBufferWriter<byte>(1024 * 1024);
        var translator = new ResponsesStreamTranslator(new AnthropicEventWriter(output), "msg_test", "claude-sonnet-4-5", new Usage { InputTokens = 1 });
        translator.Start();
        byte[] Event(string json) => Encoding.UTF8.GetBytes(json);
        var arguments = Event("""{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"\"city\": \"Paris, \\\"France\\\"\", ","sequence_number":3}""");
        var thinking = Event("""{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":1,"summary_index":0,"delta":"Thinking about it.","sequence_number":4}""");
        var text = Event("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":2,"content_index":0,"delta":"Forwarded \"as is\", with ünïcödé\n","logprobs":[],"sequence_number":5}""");
        translator.Feed("", Event("""{"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":""}}"""));
        translator.Feed("", Event("""{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"{","sequence_number":2}"""));

        long Forward(params byte[][] events) => Allocations.Of(() =>
        {
            output.ResetWrittenCount();
            foreach (var e in events)
            {
                translator.Feed("", e);
            }
        });

        var forArguments = Forward(arguments);
        translator.Feed("", Event("""{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"\"end\": true}","sequence_number":4}"""));
        translator.Feed("", Event("""{"type":"response.output_item.done","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{}"}}"""));
        var forText = Forward(thinking, text);

        Assert.False(translator.IsDone);
        Assert.True(forArguments < 1000, $"forwarding 1,000 argument deltas allocated {forArguments} bytes");
        Assert.True(forText < 2000, $"forwarding 2,000 thinking and text deltas allocated {forText} bytes");
    }

    private static ResponsesStreamItem Parse(string data) => new ResponsesEventParser().Parse("", Encoding.UTF8.GetBytes(data))!;
}
