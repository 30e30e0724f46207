using Translator.Api.Memory;

namespace Translator.Api.Forwarding;

/// <summary>
/// An upstream SSE body, read as is, that fails with <see cref="InvalidDataException"/> once a line
/// grows past a limit. <c>SseParser</c> buffers a line until it ends, so without a bound one broken
/// or hostile upstream could make a single stream hold any amount of memory.
/// </summary>
internal sealed class LineLimitedStream(Stream inner, int maxLineBytes) : ObservedReadStream(inner)
{
    /// <summary>The SSE parser holds a line whole: past this, its buffers are worth returning (<see cref="MemoryReturner"/>).</summary>
    private const int LargeLine = 1024 * 1024;

    private int _lineLength;

    /// <summary>Follows the length of the current line across reads (CR, LF or CRLF end a line).</summary>
    protected override void OnRead(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOfAny((byte)'\n', (byte)'\r');
            var length = end < 0 ? data.Length : end;
            if ((long)_lineLength + length > maxLineBytes)
            {
                MemoryReturner.LargeCallEnded();
                throw new InvalidDataException($"The upstream sent a stream line longer than {maxLineBytes} bytes (Translator:Limits:MaxSseLineBytes).");
            }

            if (end < 0)
            {
                _lineLength += length;
                return;
            }

            if (_lineLength + length > LargeLine)
            {
                MemoryReturner.LargeCallEnded();
            }

            _lineLength = 0;
            data = data[(end + 1)..];
        }
    }
}
