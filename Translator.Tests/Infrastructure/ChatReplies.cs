using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>Builds Chat Completions answers in the exact shape OpenAI sends them.</summary>
public static class ChatReplies
{
    public static string Completion(
        string? content,
        string finishReason = "stop",
        JsonArray? toolCalls = null,
        string? reasoningContent = null,
        long promptTokens = 11,
        long completionTokens = 7,
        long cachedTokens = 0,
        string model = "gpt-5.1-2025-11-13")
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null, ["annotations"] = new JsonArray() };
        if (toolCalls is not null)
        {
            message["tool_calls"] = toolCalls;
        }

        if (reasoningContent is not null)
        {
            message["reasoning_content"] = reasoningContent;
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_763_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finishReason }),
            ["usage"] = Usage(promptTokens, completionTokens, cachedTokens),
        }.ToJsonString();
    }

    public static JsonObject ToolCall(string id, string name, string arguments) =>
        new() { ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments } };

    public static JsonObject Usage(long promptTokens, long completionTokens, long cachedTokens = 0) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
    };

    /// <summary>One <c>chat.completion.chunk</c> with the given delta (and finish reason).</summary>
    public static string Chunk(JsonObject delta, string? finishReason = null, string model = "gpt-5.1-2025-11-13") => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_763_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
    }.ToJsonString();

    /// <summary>The usage chunk that <c>include_usage</c> adds after the finish chunk.</summary>
    public static string UsageChunk(long promptTokens, long completionTokens, long cachedTokens = 0) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_763_000_000,
        ["model"] = "gpt-5.1-2025-11-13",
        ["choices"] = new JsonArray(),
        ["usage"] = Usage(promptTokens, completionTokens, cachedTokens),
    }.ToJsonString();

    public static string TextChunk(string text) => Chunk(new JsonObject { ["content"] = text });

    public static string ReasoningChunk(string text) => Chunk(new JsonObject { ["reasoning_content"] = text });

    public static string FinishChunk(string finishReason) => Chunk(new JsonObject(), finishReason);

    public static string ToolCallChunk(int index, string? id, string? name, string? arguments)
    {
        var function = new JsonObject();
        if (name is not null)
        {
            function["name"] = name;
        }

        if (arguments is not null)
        {
            function["arguments"] = arguments;
        }

        var call = new JsonObject { ["index"] = index, ["function"] = function };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }

        return Chunk(new JsonObject { ["tool_calls"] = new JsonArray(call) });
    }

    /// <summary>A whole stream: the given payloads as <c>data:</c> events, then <c>[DONE]</c>.</summary>
    public static SseReply Stream(params string[] payloads) =>
        UpstreamReply.Sse([.. payloads.Select(SseStep.Data), SseStep.Done]);

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
