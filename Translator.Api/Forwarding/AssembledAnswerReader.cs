using System.Buffers;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// A complete answer read from a streamed upstream call (<c>Translator:Upstream:AlwaysStream</c>):
/// the upstream body goes through the protocol's <see cref="StreamTranslator"/>, as a streamed
/// answer does, and an <see cref="AnthropicMessageAssembler"/> folds its events into the message.
/// The call is bounded by the idle timeout between reads, never by the answer's whole length.
/// Failures become the error the complete answer is answered with; nothing is written here.
/// </summary>
internal sealed class AssembledAnswerReader(TranslatorOptions options, ILogger logger)
{
    private readonly TimeSpan _idleTimeout = options.Upstream.IdleTimeout;
    private readonly int _maxSseLineBytes = options.Limits.MaxSseLineBytes;
    private readonly int _maxAnswerBytes = options.Limits.MaxUpstreamResponseBytes;

    /// <param name="create">The call's stream translator, writing to the given events.</param>
    public async Task<CompletedAnswer> ReadAsync(HttpResponseMessage upstream, Func<AnthropicEventWriter, StreamTranslator> create, ClientProfile profile, ThinkingDisplay thinking, AnswerShaper? shaper, StopSequenceMatcher? stops, CallOperation operation, UpstreamCallToken callToken)
    {
        var assembler = new AnthropicMessageAssembler();
        var translator = create(new AnthropicEventWriter(assembler.Output, profile, thinking) { Shaper = shaper, StopSequences = stops });
        var data = new ArrayBufferWriter<byte>(4096);
        try
        {
            translator.Start();
            var body = new LineLimitedStream(callToken.Watch(await upstream.Content.ReadAsStreamAsync(callToken.Token)), _maxSseLineBytes);
            await using var items = SseParser.Create(body, (_, item) => Hold(data, item)).EnumerateAsync(callToken.Token).GetAsyncEnumerator(callToken.Token);
            while (!translator.IsDone && await NextAsync(items, operation))
            {
                translator.Feed(items.Current.EventType, items.Current.Data.Span);
                assembler.Consume();
                if (assembler.ConsumedBytes > _maxAnswerBytes)
                {
                    return Failed(translator, ApiError.BadGateway($"The upstream's answer is larger than {_maxAnswerBytes} bytes (Translator:Limits:MaxUpstreamResponseBytes)."));
                }
            }

            translator.OnUpstreamEnd();
            assembler.Consume();
        }
        catch (Exception e) when (StreamReadFailure.Of(e, callToken, _idleTimeout, "The upstream connection broke off before the answer was complete.", logger) is { } failure)
        {
            return Failed(translator, failure);
        }

        return translator.Error is { } error
            ? Failed(translator, error)
            : new CompletedAnswer(assembler.Message, translator.UpstreamModel, translator.FinishReason, null);
    }

    private static CompletedAnswer Failed(StreamTranslator translator, ApiError error) =>
        new(null, translator.UpstreamModel, translator.FinishReason, error) { ErrorBeforeContent = !translator.HasContent };

    /// <summary>Moves to the next upstream item, counting the wait as the upstream's.</summary>
    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<SseItem<ReadOnlyMemory<byte>>> items, CallOperation operation)
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

    /// <summary>Keeps one SSE item's data until it is fed, in one reused buffer.</summary>
    private static ReadOnlyMemory<byte> Hold(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> data)
    {
        buffer.ResetWrittenCount();
        buffer.Write(data);
        return buffer.WrittenMemory;
    }
}
