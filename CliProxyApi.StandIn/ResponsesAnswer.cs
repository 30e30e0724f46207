using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliProxyApi.StandIn;

/// <summary>The scripted Responses answer: one message with the greeting, whole or as the API's event sequence.</summary>
internal static class ResponsesAnswer
{
    public static async Task WriteAsync(HttpContext context, JsonElement request)
    {
        var model = request.GetProperty("model").GetString()!;
        JsonObject Message(string status) => new()
        {
            ["type"] = "message",
            ["id"] = "msg_standin",
            ["status"] = status,
            ["role"] = "assistant",
            ["content"] = status == "completed" ? new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = Models.Greeting, ["annotations"] = new JsonArray() }) : new JsonArray(),
        };
        JsonObject Response(string status) => new()
        {
            ["id"] = "resp_standin",
            ["object"] = "response",
            ["created_at"] = 1764500000,
            ["status"] = status,
            ["model"] = model,
            ["output"] = status == "completed" ? new JsonArray(Message("completed")) : new JsonArray(),
            ["usage"] = status == "completed"
                ? new JsonObject
                {
                    ["input_tokens"] = 20,
                    ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                    ["output_tokens"] = 8,
                    ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                    ["total_tokens"] = 28,
                }
                : null,
        };

        if (!request.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.True)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Response("completed").ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var sequence = 0;
        Task Event(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            return Sse.DataAsync(context, data, type);
        }

        await Event("response.created", new JsonObject { ["response"] = Response("in_progress") });
        await Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Message("in_progress") });
        JsonObject Part() => new() { ["item_id"] = "msg_standin", ["output_index"] = 0, ["content_index"] = 0 };
        var added = Part();
        added["part"] = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() };
        await Event("response.content_part.added", added);
        foreach (var word in Sse.Words(Models.Greeting))
        {
            var delta = Part();
            delta["delta"] = word;
            await Event("response.output_text.delta", delta);
        }

        var textDone = Part();
        textDone["text"] = Models.Greeting;
        await Event("response.output_text.done", textDone);
        var partDone = Part();
        partDone["part"] = new JsonObject { ["type"] = "output_text", ["text"] = Models.Greeting, ["annotations"] = new JsonArray() };
        await Event("response.content_part.done", partDone);
        await Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Message("completed") });
        await Event("response.completed", new JsonObject { ["response"] = Response("completed") });
    }
}
