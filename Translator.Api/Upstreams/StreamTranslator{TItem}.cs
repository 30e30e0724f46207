using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// A <see cref="StreamTranslator"/> typed on its protocol's stream item: the protocol's parser
/// reads an SSE item's data into its item, and the protocol translates that; <see cref="Feed"/> is
/// the one loop step every feeder goes through.
/// </summary>
/// <typeparam name="TItem">The protocol's parsed stream item, one reused instance per stream so the per-item path does not allocate.</typeparam>
/// <param name="parser">The protocol's parser, owned by this stream.</param>
internal abstract class StreamTranslator<TItem>(AnthropicEventWriter events, string messageId, string requestedModel, Usage inputEstimate, IStreamItemParser<TItem> parser, StreamTranslatorSettings? options)
    : StreamTranslator(events, messageId, requestedModel, inputEstimate, options)
    where TItem : class
{
    public sealed override void Feed(string eventType, ReadOnlySpan<byte> data)
    {
        if (IsDone)
        {
            return;
        }

        ItemReceived();
        if (parser.Parse(eventType, data) is { } item)
        {
            Translate(item);
        }
        else
        {
            OnUpstreamEnd();
        }
    }

    /// <summary>Writes the events of one item, while the stream is not over.</summary>
    protected abstract void Translate(TItem item);
}
