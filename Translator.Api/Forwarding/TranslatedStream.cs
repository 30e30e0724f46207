using System.Buffers;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.Features;
using Translator.Api.Anthropic;
using Translator.Api.Diagnostics;
using Translator.Api.Fallback;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// Streams an upstream SSE body to the client as Anthropic events: each item is parsed as it
/// arrives, translated, written and flushed; nothing is buffered beyond one item. The protocol's
/// <see cref="StreamTranslator"/> parses and translates each item (<see cref="StreamTranslator.Feed"/>);
/// the loop, the pings, the time limit and the failures are one for every protocol. The handler owns the call: this writes its stream.
/// </summary>
internal sealed class TranslatedStream(
    HttpResponseMessage upstream,
    StreamTranslator translator,
    CallOperation operation,
    UpstreamCallToken callToken,
    TranslatedStreamSettings limits,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>
    /// The data of the item being fed: the SSE parser's span lasts only while it reads, and feeding waits its turn at the output.
    /// It starts empty and grows to the largest item seen: a stream's items are a few hundred bytes, and a
    /// buffer of 4 KB up front was a tenth of what each of 1,000 open streams held (benchmarks/MEMORY.md).
    /// </summary>
    private readonly ArrayBufferWriter<byte> _data = new();

    /// <summary>
    /// Streams the answer; or, when the stream failed before anything of it reached the client,
    /// returns the error for the caller to answer: a prompt too long, and, where
    /// <paramref name="anotherTargetFollows"/>, any error the next target may not repeat.
    /// </summary>
    /// <param name="held">Where <paramref name="events"/> writes: the response, held until the stream is an answer.</param>
    public async Task<ApiError?> WriteAsync(HttpContext httpContext, string upstreamModel, AnthropicEventWriter events, HeldOutput held, bool anotherTargetFollows = false)
    {
        var response = httpContext.Response;
        var requestAborted = httpContext.RequestAborted;

        // :: Step 1 - headers, sent with the first flush. From then on, failures are reported in the stream.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        UpstreamModelHeader.Set(response, upstreamModel);
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var step = operation.StartStep("translate stream");
        await using var output = new PingingEventStream(response.BodyWriter, held, events, limits.PingInterval, timeProvider, requestAborted);

        try
        {
            // :: Step 2 - message_start and a ping, held until the first content (or one ping interval).
            await WriteAsync(output, translator.Start);

            // :: Step 3 - one upstream item in, its events out and flushed. Every read re-arms the idle timeout.
            var body = new LineLimitedStream(callToken.Watch(await upstream.Content.ReadAsStreamAsync(callToken.Token)), limits.MaxSseLineBytes);
            await using var items = SseParser.Create(body, (_, data) => Hold(data)).EnumerateAsync(callToken.Token).GetAsyncEnumerator(callToken.Token);
            while (await NextAsync(items))
            {
                var item = items.Current;
                ApiError? early = null;
                await WriteAsync(
                    output,
                    () =>
                    {
                        translator.Feed(item.EventType, item.Data.Span);

                        // A too-long prompt fails before any content: answered as Anthropic does, with a 400, not a stream.
                        // Any failure that came before the client saw a byte may go to the next target instead.
                        if (output.IsHeld && translator.Error is { } error
                            && (error.PromptTooLong is not null || (anotherTargetFollows && TargetFailure.ReasonFor(error) is not null)))
                        {
                            early = error;
                        }
                    },
                    answerBegun: () => early is null && (translator.HasContent || translator.IsDone));

                if (early is not null)
                {
                    return early;
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
            await WriteAsync(
                output,
                () =>
                {
                    if (!translator.IsDone)
                    {
                        translator.OnUpstreamEnd();
                    }
                },
                answerBegun: static () => true);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            // The client went away. The handler disposes the upstream response, which closes its
            // connection and so cancels the generation upstream.
            ForwardingLog.ClientDisconnected(logger, "mid-stream");
            operation.ClientDisconnected();
            return null;
        }
        catch (Exception e) when (StreamReadFailure.Of(e, callToken, limits.IdleTimeout, "The upstream connection broke off mid-stream.", logger) is { } failure)
        {
            await TryWriteAsync(output, () => translator.Fail(failure, httpContext.TraceIdentifier));
        }

        if (translator.Error is { } error)
        {
            operation.Failed(error);
        }
        else if (translator.StopReason is not null)
        {
            operation.Completed(translator.UpstreamModel ?? upstreamModel, translator.FinishReason, translator.StopReason, translator.FinalUsage);
            if (translator.CapturedText is { } captured)
            {
                operation.Activity?.SetTag("gen_ai.output.messages", captured.ToString());
            }
        }

        return null;
    }

    /// <summary>Moves to the next upstream item, counting the wait as the upstream's.</summary>
    private async ValueTask<bool> NextAsync(IAsyncEnumerator<SseItem<ReadOnlyMemory<byte>>> items)
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
    /// <param name="answerBegun">Asked after the write: whether the stream is now known to be an answer, so what was held goes out.</param>
    private static async Task WriteAsync(PingingEventStream output, Action write, Func<bool>? answerBegun = null)
    {
        await output.AcquireAsync();
        var begun = false;
        try
        {
            write();
            begun = answerBegun?.Invoke() == true;
        }
        finally
        {
            await output.ReleaseAsync(begun);
        }
    }

    /// <summary>Writes the last events of a failed stream, and whatever was held, unless the client has gone.</summary>
    private static async Task TryWriteAsync(PingingEventStream output, Action write)
    {
        try
        {
            await WriteAsync(output, write, answerBegun: static () => true);
        }
        catch (OperationCanceledException)
        {
            // The client left while the stream failed: nobody is there to read the error.
        }
    }

    /// <summary>Keeps one SSE item's data until it is fed; the copy reuses one buffer, so reading allocates nothing per item.</summary>
    private ReadOnlyMemory<byte> Hold(ReadOnlySpan<byte> data)
    {
        _data.ResetWrittenCount();
        _data.Write(data);
        return _data.WrittenMemory;
    }
}
