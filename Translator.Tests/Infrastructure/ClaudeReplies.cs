using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Claude's answers as CLIProxyAPI's Anthropic endpoint sends them, written for a scripted turn
/// in the shape of the recorded ones (Fixtures/anthropic-stream-text-tool-use-input-json-delta.sse,
/// anthropic-message-thinking-tool-use.json): a text, or a text and one tool use; streamed (event
/// names, a ping after the first block starts, the tool input in input_json_delta fragments) or whole.
/// </summary>
public static class ClaudeReplies
{
    public static UpstreamReply Text(string model, bool stream, string text) => Answer(model, stream, text, toolUse: null);

    /// <summary>A short text, then a call of <paramref name="name"/> with <paramref name="input"/> (a JSON object).</summary>
    public static UpstreamReply ToolUse(string model, bool stream, string text, string id, string name, string input) =>
        Answer(model, stream, text, (id, name, input));

    private static UpstreamReply Answer(string model, bool stream, string text, (string Id, string Name, string Input)? toolUse)
    {
        var id = "msg_01" + Guid.NewGuid().ToString("N")[..22];
        var stop = toolUse is null ? "end_turn" : "tool_use";
        if (!stream)
        {
            var content = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text });
            if (toolUse is { } call)
            {
                content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = JsonNode.Parse(call.Input) });
            }

            var message = Message(id, model, content, stop);
            message["usage"] = Usage(output: 48);
            return UpstreamReply.Json(message.ToJsonString());
        }

        var start = Message(id, model, [], stopReason: null);
        start["usage"] = Usage(output: 1);
        List<SseStep> events =
        [
            Event("message_start", new JsonObject { ["message"] = start }),
            Event("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } }),
            SseStep.Raw("event: ping\ndata: {\"type\": \"ping\"}\n\n"),
            .. Halves(text).Select(part => Delta(0, new JsonObject { ["type"] = "text_delta", ["text"] = part })),
            Event("content_block_stop", new JsonObject { ["index"] = 0 }),
        ];
        if (toolUse is { } tool)
        {
            events.Add(Event("content_block_start", new JsonObject
            {
                ["index"] = 1,
                ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = tool.Id, ["name"] = tool.Name, ["caller"] = new JsonObject { ["type"] = "direct" }, ["input"] = new JsonObject() },
            }));
            events.Add(Delta(1, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = "" }));
            events.AddRange(Halves(tool.Input).Select(part => Delta(1, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = part })));
            events.Add(Event("content_block_stop", new JsonObject { ["index"] = 1 }));
        }

        events.Add(Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 48 },
        }));
        events.Add(Event("message_stop", []));
        return UpstreamReply.Sse([.. events]);
    }

    private static JsonObject Message(string id, string model, JsonArray content, string? stopReason) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
    };

    private static JsonObject Usage(int output) => new()
    {
        ["input_tokens"] = 377,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = output,
        ["service_tier"] = "standard",
    };

    private static SseStep Delta(int index, JsonObject delta) => Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = delta });

    /// <summary>An event as Anthropic writes it: its name, then its data with the same <c>type</c> first.</summary>
    private static SseStep Event(string name, JsonObject data)
    {
        var typed = new JsonObject { ["type"] = name };
        foreach (var (key, value) in data.ToList())
        {
            data.Remove(key);
            typed[key] = value;
        }

        return SseStep.Raw($"event: {name}\ndata: {typed.ToJsonString(Compact)}\n\n");
    }

    /// <summary>A text in two fragments, as a model streams it.</summary>
    private static IEnumerable<string> Halves(string text) => text.Length < 2 ? [text] : [text[..(text.Length / 2)], text[(text.Length / 2)..]];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
