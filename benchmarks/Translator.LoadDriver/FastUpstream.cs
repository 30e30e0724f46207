using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// A fast scripted OpenAI upstream, run as its own process: canned completions and chunk streams,
/// no work beyond writing them. A model named <c>hold-N</c> streams one chunk and then holds the
/// stream open for N milliseconds (for the open-streams memory test); <c>soak-tools</c> streams a
/// tool call and <c>soak-429</c> answers a rate limit (for the soak).
/// </summary>
internal static class FastUpstream
{
    private static readonly byte[] Completion = Encoding.UTF8.GetBytes("""
        {"id":"chatcmpl-load","object":"chat.completion","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?","refusal":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0}}}
        """);

    public static readonly int StreamChunks = 50;

    private static readonly byte[][] Stream = BuildStream();

    private static readonly byte[] ToolStream = Encoding.UTF8.GetBytes(string.Concat(
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{\"city\":"}}]},"finish_reason":null}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""" + "\n\n",
        """data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":8,"total_tokens":38}}""" + "\n\ndata: [DONE]\n\n"));

    private static readonly byte[] RateLimited = Encoding.UTF8.GetBytes("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""");

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", HandleAsync);
        await app.RunAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (body.Contains("\"model\":\"soak-429\"", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "30";
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(RateLimited);
            return;
        }

        if (body.Contains("\"model\":\"soak-tools\"", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(ToolStream, context.RequestAborted);
            return;
        }

        if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var hold = HoldMilliseconds(body);
        for (var i = 0; i < Stream.Length; i++)
        {
            await context.Response.Body.WriteAsync(Stream[i], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (i == 0 && hold > 0)
            {
                await Task.Delay(hold, context.RequestAborted);
            }
        }
    }

    private static int HoldMilliseconds(string body)
    {
        var at = body.IndexOf("\"model\":\"hold-", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var start = at + "\"model\":\"hold-".Length;
        var end = body.IndexOf('"', start);
        return int.Parse(body.AsSpan(start, end - start));
    }

    private static byte[][] BuildStream()
    {
        var chunks = new List<string>();
        for (var i = 0; i < StreamChunks; i++)
        {
            chunks.Add($$"""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{"content":"word{{i}} "},"finish_reason":null}]}""" + "\n\n");
        }

        chunks.Add("""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n");
        chunks.Add("""data: {"id":"chatcmpl-load","object":"chat.completion.chunk","created":1763000000,"model":"gpt-5.1-2025-11-13","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":50,"total_tokens":62}}""" + "\n\ndata: [DONE]\n\n");
        return [.. chunks.Select(Encoding.UTF8.GetBytes)];
    }
}
