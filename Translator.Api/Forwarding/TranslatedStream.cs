using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Translator.Api.Anthropic;
using Translator.Api.Diagnostics;
using Translator.Api.Errors;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// Streams an upstream SSE body to the client as Anthropic events: each item is parsed as it
/// arrives, translated, written and flushed; nothing is buffered beyond one item. The protocol's
/// <see cref="StreamTranslator"/> parses and translates; the loop, the pings, the time limit and
/// the failures are one for every protocol. The handler owns the call: this writes its stream.
/// </summary>
internal sealed class TranslatedStream(
    HttpResponseMessage upstream,
    StreamTranslator translator,
    ChatOperation operation,
    UpstreamCallToken callToken,
    StreamLimits limits,
    TimeProvider timeProvider,
    ILogger logger)
{
    private long _parseTicks;

    public async Task WriteAsync(HttpContext httpContext, string upstreamModel, AnthropicEventWriter events)
    {
        var response = httpContext.Response;
        var requestAborted = httpContext.RequestAborted;

        // :: Step 1 - headers. From here on, failures are reported in the stream.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        UpstreamModelHeader.Set(response, upstreamModel);
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var step = operation.StartStep("translate stream");
        await using var output = new PingingEventStream(response.BodyWriter, events, limits.PingInterval, timeProvider, requestAborted);

        try
        {
            // :: Step 2 - message_start and a ping, before the first upstream byte.
            await WriteAsync(output, translator.Start);
            operation.ClientFirstByte();

            // :: Step 3 - one upstream item in, its events out and flushed. Every read re-arms the idle timeout.
            var body = new LineLimitedStream(callToken.Watch(await upstream.Content.ReadAsStreamAsync(callToken.Token)), limits.MaxSseLineBytes);
            await using var items = SseParser.Create(body, Parse).EnumerateAsync(callToken.Token).GetAsyncEnumerator(callToken.Token);
            while (await NextAsync(items))
            {
                var item = items.Current.Data;
                await WriteAsync(output, () =>
                {
                    if (item is not null)
                    {
                        translator.OnItem(item);
                    }
                    else
                    {
                        translator.OnUpstreamEnd();
                    }
                });

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
                await WriteAsync(output, translator.OnUpstreamEnd);
            }
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            // The client went away. The handler disposes the upstream response, which closes its
            // connection and so cancels the generation upstream.
            StreamLog.ClientDisconnected(logger);
            operation.ClientDisconnected();
            return;
        }
        catch (OperationCanceledException) when (callToken.TimedOut)
        {
            StreamLog.UpstreamIdle(logger, limits.IdleTimeout);
            await TryWriteAsync(output, () => translator.Fail(UpstreamErrorMap.Idle(limits.IdleTimeout), httpContext.TraceIdentifier));
        }
        catch (JsonException e)
        {
            StreamLog.MalformedChunk(logger, e.Message);
            await TryWriteAsync(output, () => translator.Fail(ApiError.BadGateway("The upstream sent a stream chunk that is not valid JSON."), httpContext.TraceIdentifier));
        }
        catch (InvalidDataException e)
        {
            StreamLog.MalformedChunk(logger, e.Message);
            await TryWriteAsync(output, () => translator.Fail(ApiError.BadGateway(e.Message), httpContext.TraceIdentifier));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            StreamLog.UpstreamBroke(logger, e.Message);
            await TryWriteAsync(output, () => translator.Fail(ApiError.BadGateway("The upstream connection broke off mid-stream."), httpContext.TraceIdentifier));
        }
        finally
        {
            // What remains is the translator's own: parsing items is not waiting on the upstream.
            operation.AddUpstreamWait(-_parseTicks);
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
    }

    /// <summary>Moves to the next upstream item, counting the wait as the upstream's.</summary>
    private async ValueTask<bool> NextAsync(IAsyncEnumerator<SseItem<object?>> items)
    {
        var waiting = Stopwatch.GetTimestamp();
        try
        {
            return await items.MoveNextAsync();
        }
        finally
        {
            operation.AddUpstreamWait(Stopwatch.GetTimestamp() - waiting);
        }
    }

    /// <summary>Writes events in the stream's turn and flushes them.</summary>
    private static async Task WriteAsync(PingingEventStream output, Action write)
    {
        await output.AcquireAsync();
        try
        {
            write();
        }
        finally
        {
            await output.ReleaseAsync();
        }
    }

    /// <summary>Writes the last events of a failed stream, unless the client has gone.</summary>
    private static async Task TryWriteAsync(PingingEventStream output, Action write)
    {
        try
        {
            await WriteAsync(output, write);
        }
        catch (OperationCanceledException)
        {
            // The client left while the stream failed: nobody is there to read the error.
        }
    }

    /// <summary>Parses one SSE item with the protocol's parser, counting the time as the translator's own.</summary>
    private object? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var parsing = Stopwatch.GetTimestamp();
        try
        {
            return translator.Parse(eventType, data);
        }
        finally
        {
            _parseTicks += Stopwatch.GetTimestamp() - parsing;
        }
    }
}
