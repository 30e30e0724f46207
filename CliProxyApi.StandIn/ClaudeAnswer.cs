using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliProxyApi.StandIn;

/// <summary>The scripted answer of a Claude provider: the greeting as an Anthropic message, whole or as its event stream.</summary>
internal static class ClaudeAnswer
{
    public static async Task WriteAsync(HttpContext context, JsonElement request)
    {
        var model = request.GetProperty("model").GetString()!;
        context.Response.Headers["request-id"] = "req_standin";
        JsonObject Usage(int output) => new() { ["input_tokens"] = 20, ["cache_creation_input_tokens"] = 0, ["cache_read_input_tokens"] = 0, ["output_tokens"] = output };
        JsonObject Message(bool done) => new()
        {
            ["id"] = "msg_standin",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = done ? new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Models.ClaudeGreeting }) : new JsonArray(),
            ["stop_reason"] = done ? "end_turn" : null,
            ["stop_sequence"] = null,
            ["usage"] = Usage(done ? 9 : 1),
        };

        if (!request.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.True)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Message(done: true).ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        Task Event(string type, JsonObject data)
        {
            var withType = new JsonObject { ["type"] = type };
            foreach (var (name, value) in data)
            {
                withType[name] = value?.DeepClone();
            }

            return Sse.DataAsync(context, withType, type);
        }

        await Event("message_start", new JsonObject { ["message"] = Message(done: false) });
        await Event("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
        foreach (var word in Sse.Words(Models.ClaudeGreeting))
        {
            await Event("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = word } });
        }

        await Event("content_block_stop", new JsonObject { ["index"] = 0 });
        await Event("message_delta", new JsonObject { ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null }, ["usage"] = new JsonObject { ["output_tokens"] = 9 } });
        await Event("message_stop", []);
    }

    /// <summary>count_tokens: a fixed count, as a provider answers it.</summary>
    public static Task CountAsync(HttpContext context) =>
        context.Response.WriteAsJsonAsync(new JsonObject { ["input_tokens"] = 20 });
}
