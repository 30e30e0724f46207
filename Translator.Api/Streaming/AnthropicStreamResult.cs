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
/// Streams an upstream SSE stream to the client as Anthropic events: each item is parsed as it
/// arrives, translated, written and flushed; nothing is buffered beyond one item. The upstream
/// protocol is the parser and the translator; the loop, the pings and the failure handling are one.
/// </summary>
internal sealed class AnthropicStreamResult<TItem>(
    HttpResponseMessage upstream,
    string upstreamModel,
    ClientProfile profile,
    ChatOperation operation,
    SseItemParser<TItem?> parse,
    Func<AnthropicEventWriter, StreamTranslator<TItem>> createTranslator,
    TimeSpan pingInterval,
    int maxLineBytes,
    TimeProvider timeProvider,
    ILogger logger) : IResult
    where TItem : class
{
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
        var translator = createTranslator(events);
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
            var body = new LineLimitedStream(await upstreamResponse.Content.ReadAsStreamAsync(cancellationToken), maxLineBytes);
            await using var chunks = SseParser.Create(body, Parse).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
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
            StreamLog.ClientDisconnected(logger);
            operation.Failed(new ApiError(499, "client_disconnected", "The client disconnected mid-stream."));
        }
        catch (JsonException e)
        {
            StreamLog.MalformedChunk(logger, e.Message);
            await WriteAsync(output, () => translator.Fail(ApiError.BadGateway("The upstream sent a stream chunk that is not valid JSON."), httpContext.TraceIdentifier));
        }
        catch (InvalidDataException e)
        {
            StreamLog.MalformedChunk(logger, e.Message);
            await WriteAsync(output, () => translator.Fail(ApiError.BadGateway(e.Message), httpContext.TraceIdentifier));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            StreamLog.UpstreamBroke(logger, e.Message);
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
    private async ValueTask<bool> NextAsync(IAsyncEnumerator<SseItem<TItem?>> chunks)
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

    /// <summary>Parses one SSE item with the protocol's parser, counting the time as the translator's own.</summary>
    private TItem? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var parsing = Stopwatch.GetTimestamp();
        try
        {
            return parse(eventType, data);
        }
        finally
        {
            _parseTicks += Stopwatch.GetTimestamp() - parsing;
        }
    }
}
