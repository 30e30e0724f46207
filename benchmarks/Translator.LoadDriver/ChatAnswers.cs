using System.Text;

namespace Translator.LoadDriver;

/// <summary>The fast upstream's answers as Chat Completions (<c>/v1/chat/completions</c>).</summary>
internal static class ChatAnswers
{
    public static CannedAnswers Build() => new(Completion(), Stream(), ToolStream(), CompletionOf, StreamOf);

    private static byte[] CompletionOf(string text) => Encoding.UTF8.GetBytes(
        $$$"""{"id":"chatcmpl-load","object":"chat.completion","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}","refusal":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}""");

    private static byte[] StreamOf(string text) => Encoding.UTF8.GetBytes(string.Concat(
        $$$"""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"content":"{{{text}}}"},"finish_reason":null}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}""" + "\n\ndata: [DONE]\n\n"));

    private static byte[] Completion() => Encoding.UTF8.GetBytes("""
        {"id":"chatcmpl-load","object":"chat.completion","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?","refusal":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0}}}
        """);

    private static byte[][] Stream()
    {
        var chunks = new List<string>();
        for (var i = 0; i < FastUpstream.StreamChunks; i++)
        {
            chunks.Add($$"""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"content":"word{{i}} "},"finish_reason":null}]}""" + "\n\n");
        }

        chunks.Add("""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n");
        chunks.Add("""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":50,"total_tokens":62}}""" + "\n\ndata: [DONE]\n\n");
        return [.. chunks.Select(Encoding.UTF8.GetBytes)];
    }

    private static byte[] ToolStream() => Encoding.UTF8.GetBytes(string.Concat(
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{\"city\":"}}]},"finish_reason":null}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":8,"total_tokens":38}}""" + "\n\ndata: [DONE]\n\n"));
}
