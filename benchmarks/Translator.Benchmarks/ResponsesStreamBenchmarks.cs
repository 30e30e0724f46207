using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams.Responses;

namespace Translator.Benchmarks;

/// <summary>
/// The Responses counterpart of <see cref="TranslationBenchmarks.Stream500Chunks"/>: the same answer
/// (380 text deltas, then two tool calls whose arguments come in 59 fragments each) as a Responses
/// event stream in OpenAI's order, parsed and translated the way the translator does it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ResponsesStreamBenchmarks
{
    private const string Model = "gpt-5.1-codex-2025-11-13";

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private List<(string Type, byte[] Data)> _events = [];
    private int _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _events = Events();
        var translator = Translate();
        if (translator.Error is not null || translator.StopReason != "tool_use")
        {
            throw new InvalidOperationException($"The workload did not translate to a whole answer: {translator.Error?.Message ?? translator.StopReason}.");
        }

        Console.WriteLine($"// stream: {_events.Count} events, {_events.Sum(e => e.Data.Length)} bytes of data, {_output.WrittenCount} bytes of Anthropic events");
    }

    /// <summary>A whole stream of about 500 events: parse each event and write its Anthropic events. Divide by the count for per-event cost.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int Stream500Events()
    {
        Translate();
        return _output.WrittenCount;
    }

    private ResponsesStreamTranslator Translate()
    {
        _output.ResetWrittenCount();
        var translator = new ResponsesStreamTranslator(new AnthropicEventWriter(_output), "msg_bench", "claude-opus-5-5", new Usage { InputTokens = 14000 });
        translator.Start();

        // The SSE event name is passed as the translator's reader passes it; the data's type wins.
        foreach (var (type, data) in _events)
        {
            translator.Feed(type, data);
        }

        translator.OnUpstreamEnd();
        return translator;
    }

    private List<(string Type, byte[] Data)> Events()
    {
        var words = Workloads.Prose(4000).Split(' ');
        var text = string.Concat(Enumerable.Range(0, 380).Select(i => words[i % words.Length] + " "));
        var message = Message(text);
        var bash = Call(1, "call_a1", "Bash", "{\"command\":\"", "echo ");
        var read = Call(2, "call_b2", "Read", "{\"file_path\":\"", "src/");
        var events = new List<(string, byte[])>
        {
            Event("response.created", new JsonObject { ["response"] = Response("in_progress", []) }),
            Event("response.in_progress", new JsonObject { ["response"] = Response("in_progress", []) }),
            Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Item(message, "in_progress", "") }),
            Event("response.content_part.added", new JsonObject { ["item_id"] = "msg_bench", ["output_index"] = 0, ["content_index"] = 0, ["part"] = Part("") }),
        };
        for (var i = 0; i < 380; i++)
        {
            events.Add(Event("response.output_text.delta", new JsonObject
            {
                ["item_id"] = "msg_bench", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = words[i % words.Length] + " ", ["logprobs"] = new JsonArray(), ["obfuscation"] = "x1y2",
            }));
        }

        events.Add(Event("response.output_text.done", new JsonObject { ["item_id"] = "msg_bench", ["output_index"] = 0, ["content_index"] = 0, ["text"] = text, ["logprobs"] = new JsonArray() }));
        events.Add(Event("response.content_part.done", new JsonObject { ["item_id"] = "msg_bench", ["output_index"] = 0, ["content_index"] = 0, ["part"] = Part(text) }));
        events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = message.DeepClone() }));
        foreach (var (index, call, fragments) in new[] { bash, read })
        {
            events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = Item(call, "in_progress", "") }));
            events.AddRange(fragments.Select(f => Event("response.function_call_arguments.delta", new JsonObject
            {
                ["item_id"] = call["id"]!.GetValue<string>(), ["output_index"] = index, ["delta"] = f, ["obfuscation"] = "x1y2",
            })));
            events.Add(Event("response.function_call_arguments.done", new JsonObject
            {
                ["item_id"] = call["id"]!.GetValue<string>(), ["output_index"] = index, ["arguments"] = call["arguments"]!.DeepClone(),
            }));
            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = call.DeepClone() }));
        }

        events.Add(Event("response.completed", new JsonObject { ["response"] = Response("completed", [message.DeepClone(), bash.Item.DeepClone(), read.Item.DeepClone()]) }));
        return events;
    }

    /// <summary>A function call item whose arguments are <paramref name="opening"/>, 57 times <paramref name="fragment"/> and the closing, in 59 fragments.</summary>
    private static (int Index, JsonObject Item, List<string> Fragments) Call(int index, string callId, string name, string opening, string fragment)
    {
        List<string> fragments = [opening, .. Enumerable.Repeat(fragment, 57), "\"}"];
        var item = new JsonObject
        {
            ["id"] = "fc_" + callId, ["type"] = "function_call", ["status"] = "completed", ["arguments"] = string.Concat(fragments), ["call_id"] = callId, ["name"] = name,
        };
        return (index, item, fragments);
    }

    private static JsonObject Message(string text) => new()
    {
        ["id"] = "msg_bench", ["type"] = "message", ["status"] = "completed", ["role"] = "assistant", ["content"] = new JsonArray(Part(text)),
    };

    private static JsonObject Part(string text) => new() { ["type"] = "output_text", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray(), ["text"] = text };

    /// <summary>An item as it is added: still in progress, its content or arguments empty.</summary>
    private static JsonObject Item(JsonObject done, string status, string arguments)
    {
        var item = done.DeepClone().AsObject();
        item["status"] = status;
        if (item.ContainsKey("arguments"))
        {
            item["arguments"] = arguments;
        }
        else
        {
            item["content"] = new JsonArray();
        }

        return item;
    }

    private static JsonObject Response(string status, JsonNode[] output) => new()
    {
        ["id"] = "resp_bench",
        ["object"] = "response",
        ["created_at"] = 1763000000,
        ["status"] = status,
        ["model"] = Model,
        ["output"] = new JsonArray(output),
        ["usage"] = status == "completed"
            ? new JsonObject
            {
                ["input_tokens"] = 14210,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 12800 },
                ["output_tokens"] = 520,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = 14730,
            }
            : null,
    };

    private (string, byte[]) Event(string type, JsonObject fields)
    {
        var data = new JsonObject { ["type"] = type, ["sequence_number"] = _sequence++ };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            data[key] = value;
        }

        return (type, Encoding.UTF8.GetBytes(data.ToJsonString()));
    }
}
