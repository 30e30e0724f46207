using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Forwarding;
using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIChat;
using Translator.Api.Translation;
using Translator.Api.Translation.AnthropicToOpenAIChat;

namespace Translator.Api.Streaming;

/// <summary>
/// Streams an upstream chat chunk stream to the client as Anthropic events: each chunk is parsed
/// as it arrives, translated, written and flushed; nothing is buffered beyond one chunk.
/// </summary>
internal sealed partial class ChatStreamResult(
    HttpResponseMessage upstream,
    string requestedModel,
    string upstreamModel,
    Usage inputEstimate,
    ClientProfile profile,
    ChatOperation operation,
    TimeSpan pingInterval,
    TimeProvider timeProvider,
    ILogger logger) : IResult
{
    private static readonly ChatCompletionChunk Ignored = new();

    private long _parseTicks;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var upstreamResponse = upstream;
        using var ending = operation;
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;

        // :: Step 1 - headers. From here on, failures are reported in the stream.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        UpstreamModelHeader.Set(response, upstreamModel);
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var events = new AnthropicEventWriter(response.BodyWriter, profile);
        var translator = new ChatStreamTranslator(events, Ids.NewMessageId(), requestedModel, inputEstimate)
        {
            CapturedText = operation.CaptureContent ? new StringBuilder() : null,
        };
        using var step = operation.StartStep("translate stream");
        await using var output = new PingingEventStream(response.BodyWriter, events, pingInterval, timeProvider, cancellationToken);

        try
        {
            // :: Step 2 - message_start and a ping, before the first upstream byte.
            await output.AcquireAsync();
            try
            {
                translator.Start();
            }
            finally
            {
                await output.ReleaseAsync();
            }

            operation.ClientFirstByte();

            // :: Step 3 - one upstream chunk in, its events out and flushed.
            var body = await upstreamResponse.Content.ReadAsStreamAsync(cancellationToken);
            await using var chunks = SseParser.Create(body, ParseChunk).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await NextAsync(chunks))
            {
                await output.AcquireAsync();
                try
                {
                    if (chunks.Current.Data is { } chunk)
                    {
                        translator.OnChunk(chunk);
                    }
                    else
                    {
                        translator.OnUpstreamEnd();
                    }
                }
                finally
                {
                    await output.ReleaseAsync();
                }

                if (translator.HasContent)
                {
                    operation.FirstContentSent();
                }

                if (translator.IsDone)
                {
                    break;
                }
            }

            // :: Step 4 - the body ended without [DONE]: complete if the answer was, else fail.
            if (!translator.IsDone)
            {
                await WriteAsync(output, () => translator.OnUpstreamEnd());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away. Disposing the upstream response closes its connection,
            // which cancels the generation upstream.
            Log.ClientDisconnected(logger);
            operation.Failed(new ApiError(499, "client_disconnected", "The client disconnected mid-stream."));
        }
        catch (JsonException e)
        {
            Log.MalformedChunk(logger, e.Message);
            await WriteAsync(output, () => translator.Fail(ApiError.BadGateway("The upstream sent a stream chunk that is not valid JSON."), httpContext.TraceIdentifier));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            Log.UpstreamBroke(logger, e.Message);
            await WriteAsync(output, () => translator.Fail(ApiError.BadGateway("The upstream connection broke off mid-stream."), httpContext.TraceIdentifier));
        }

        if (translator.Error is { } error)
        {
            operation.Failed(error);
        }
        else if (translator.StopReason is not null)
        {
            operation.Completed(translator.UpstreamModel ?? upstreamModel, translator.FinishReason, translator.FinalUsage);
            if (translator.CapturedText is { } captured)
            {
                operation.Activity?.SetTag("gen_ai.output.messages", captured.ToString());
            }
        }

        // What remains is the translator's own: parsing chunks is not waiting on the upstream.
        operation.AddUpstreamWait(-_parseTicks);
    }

    /// <summary>Moves to the next upstream item, counting the wait as the upstream's.</summary>
    private async ValueTask<bool> NextAsync(IAsyncEnumerator<SseItem<ChatCompletionChunk?>> chunks)
    {
        var waiting = Stopwatch.GetTimestamp();
        try
        {
            return await chunks.MoveNextAsync();
        }
        finally
        {
            operation.AddUpstreamWait(Stopwatch.GetTimestamp() - waiting);
        }
    }

    private static async Task WriteAsync(PingingEventStream output, Action write)
    {
        try
        {
            await output.AcquireAsync();
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            write();
        }
        finally
        {
            await output.ReleaseAsync();
        }
    }

    /// <summary>Parses one SSE data payload; null marks the end (<c>[DONE]</c>).</summary>
    private ChatCompletionChunk? ParseChunk(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return null;
        }

        // Some servers send empty data lines as keep-alives.
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Ignored;
        }

        var parsing = Stopwatch.GetTimestamp();
        try
        {
            return JsonSerializer.Deserialize(data, OpenAIChatJsonContext.Default.ChatCompletionChunk) ?? Ignored;
        }
        finally
        {
            _parseTicks += Stopwatch.GetTimestamp() - parsing;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "The client disconnected mid-stream; the upstream request was cancelled.")]
        public static partial void ClientDisconnected(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "The upstream sent a malformed stream chunk: {Reason}")]
        public static partial void MalformedChunk(ILogger logger, string reason);

        [LoggerMessage(3, LogLevel.Warning, "The upstream stream broke off: {Reason}")]
        public static partial void UpstreamBroke(ILogger logger, string reason);
    }
}
