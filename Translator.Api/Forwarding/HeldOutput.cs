using System.Buffers;
using System.IO.Pipelines;

namespace Translator.Api.Forwarding;

/// <summary>
/// The response body of a stream, held in memory until the stream is known to be an answer: a
/// prompt the upstream finds too long fails before any content, and Anthropic answers that with a
/// 400 rather than a stream. Once released (by <see cref="PingingEventStream"/>, its one owner), writes go
/// straight to the response.
/// </summary>
/// <param name="released">Called when the held bytes go to the response: the client's first byte.</param>
internal sealed class HeldOutput(PipeWriter body, Action released) : IBufferWriter<byte>
{
    private ArrayBufferWriter<byte>? _held = new(1024);

    public bool IsHeld => _held is not null;

    public void Advance(int count)
    {
        if (_held is { } held)
        {
            held.Advance(count);
        }
        else
        {
            body.Advance(count);
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _held is { } held ? held.GetMemory(sizeHint) : body.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _held is { } held ? held.GetSpan(sizeHint) : body.GetSpan(sizeHint);

    /// <summary>Moves what was held to the response; from now on writes go there. The caller flushes.</summary>
    public void Release()
    {
        if (_held is { } held)
        {
            body.Write(held.WrittenSpan);
            _held = null;
            released();
        }
    }
}
