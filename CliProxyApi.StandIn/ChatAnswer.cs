using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliProxyApi.StandIn;

/// <summary>The scripted Chat Completions answer: the greeting, whole or as chunks with a usage chunk.</summary>
internal static class ChatAnswer
{
    public static async Task WriteAsync(HttpContext context, JsonElement request)
    {
        var model = request.GetProperty("model").GetString()!;
        var usage = new JsonObject { ["prompt_tokens"] = 20, ["completion_tokens"] = 8, ["total_tokens"] = 28 };
        if (!request.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.True)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["id"] = "chatcmpl-standin",
                ["object"] = "chat.completion",
                ["created"] = 1764500000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Models.Greeting },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = usage,
            }.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = "chatcmpl-standin",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1764500000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };

        await Sse.DataAsync(context, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        foreach (var word in Sse.Words(Models.Greeting))
        {
            await Sse.DataAsync(context, Chunk(new JsonObject { ["content"] = word }, null));
        }

        await Sse.DataAsync(context, Chunk([], "stop"));
        var last = Chunk([], null);
        last["choices"] = new JsonArray();
        last["usage"] = usage;
        await Sse.DataAsync(context, last);
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }
}
