using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// A <see cref="StreamTranslator"/> typed on its protocol's stream item: the protocol parses an
/// SSE item's data into its item and translates that; <see cref="Feed"/> is the one loop step
/// every feeder goes through.
/// </summary>
/// <typeparam name="TItem">The protocol's parsed stream item, one reused instance per stream so the per-item path does not allocate.</typeparam>
internal abstract class StreamTranslator<TItem>(AnthropicEventWriter events, string messageId, string requestedModel, Usage inputEstimate, StreamTranslatorSettings? options)
    : StreamTranslator(events, messageId, requestedModel, inputEstimate, options)
    where TItem : class
{
    public sealed override void Feed(string eventType, ReadOnlySpan<byte> data)
    {
        if (IsDone)
        {
            return;
        }

        if (Parse(eventType, data) is { } item)
        {
            Translate(item);
        }
        else
        {
            OnUpstreamEnd();
        }
    }

    /// <summary>
    /// Parses the data of one SSE item, or returns null when the item ends the stream (<c>[DONE]</c>).
    /// Throws <see cref="System.Text.Json.JsonException"/> on malformed data.
    /// </summary>
    protected abstract TItem? Parse(string eventType, ReadOnlySpan<byte> data);

    /// <summary>Writes the events of one item, while the stream is not over.</summary>
    protected abstract void Translate(TItem item);
}
