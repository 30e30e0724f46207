using System.Text;
using Translator.Traffic;

namespace Translator.LoadDriver;

/// <summary>
/// A fast scripted OpenAI upstream, run as its own process, speaking both Chat Completions and
/// Responses: canned answers and streams, no work beyond writing them. A model named <c>hold-N</c>
/// streams its first word and then holds the stream open for N milliseconds (for the open-streams
/// memory test); <c>huge-answer-N</c> answers N bytes of text, <c>huge-line-N</c> streams them in one
/// line (for the one-call memory test); <c>soak-tools</c> streams a tool call and <c>soak-429</c> answers a rate limit (for the soak).
/// </summary>
internal static class FastUpstream
{
    public static readonly int StreamChunks = 50;

    /// <summary>CLIProxyAPI answers a rate limit in OpenAI's error shape on either path.</summary>
    private static readonly byte[] RateLimited = Encoding.UTF8.GetBytes("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""");

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var chat = ChatAnswers.Build();
        var responses = ResponsesAnswers.Build();
        app.MapPost(UpstreamWire.Chat.Path, (RequestDelegate)(context => HandleAsync(context, chat)));
        app.MapPost(UpstreamWire.Responses.Path, (RequestDelegate)(context => HandleAsync(context, responses)));
        await app.RunAsync();
    }

    private static async Task HandleAsync(HttpContext context, CannedAnswers answers)
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

        if (NumberAfter(body, "huge-answer-") is > 0 and var answerBytes)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answers.CompletionOf(Words(answerBytes)), context.RequestAborted);
            return;
        }

        if (NumberAfter(body, "huge-line-") is > 0 and var lineBytes)
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(answers.StreamOf(Words(lineBytes)), context.RequestAborted);
            return;
        }

        // The soak's complete answer, also when the translator streams it from the upstream to
        // assemble it (Translator:Upstream:AlwaysStream, on as shipped): the text the soak expects.
        if (body.Contains("\"model\":\"soak-text\"", StringComparison.Ordinal) && body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(answers.StreamOf(MixedTraffic.PlainAnswer), context.RequestAborted);
            return;
        }

        if (body.Contains("\"model\":\"soak-tools\"", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(answers.ToolStream, context.RequestAborted);
            return;
        }

        if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answers.Completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var hold = NumberAfter(body, "hold-");
        for (var i = 0; i < answers.Stream.Length; i++)
        {
            await context.Response.Body.WriteAsync(answers.Stream[i], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (i == 0 && hold > 0)
            {
                await Task.Delay(hold, context.RequestAborted);
            }
        }
    }

    /// <summary>The number in a model named <paramref name="prefix"/>N, or 0.</summary>
    private static int NumberAfter(string body, string prefix)
    {
        var at = body.IndexOf("\"model\":\"" + prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var start = at + "\"model\":\"".Length + prefix.Length;
        var end = body.IndexOf('"', start);
        return int.Parse(body.AsSpan(start, end - start));
    }

    /// <summary>About <paramref name="bytes"/> bytes of words, as a long answer has.</summary>
    private static string Words(int bytes) => string.Create(bytes, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = i % 6 == 5 ? ' ' : (char)('a' + (i % 6));
        }
    });
}
