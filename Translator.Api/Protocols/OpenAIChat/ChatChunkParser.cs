using System.Text.Json;

namespace Translator.Api.Protocols.OpenAIChat;

/// <summary>Parses the data of one chat stream event: a chunk, or null for <c>[DONE]</c>.</summary>
internal static class ChatChunkParser
{
    private static readonly ChatCompletionChunk Ignored = new();

    public static ChatCompletionChunk? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return null;
        }

        // Some servers send empty data lines as keep-alives.
        return data.Trim(" \t\r\n"u8).IsEmpty ? Ignored : JsonSerializer.Deserialize(data, OpenAIChatJsonContext.Default.ChatCompletionChunk) ?? Ignored;
    }
}
