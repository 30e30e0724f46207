namespace Translator.Api.Upstreams;

/// <summary>Reads the data of a protocol's SSE items into its item type, one reused instance per stream.</summary>
/// <typeparam name="TItem">The protocol's parsed stream item.</typeparam>
internal interface IStreamItemParser<out TItem>
    where TItem : class
{
    /// <summary>
    /// Parses the data of one SSE item, or returns null when the item ends the stream (<c>[DONE]</c>).
    /// Throws <see cref="System.Text.Json.JsonException"/> on malformed data.
    /// </summary>
    TItem? Parse(string eventType, ReadOnlySpan<byte> data);
}
