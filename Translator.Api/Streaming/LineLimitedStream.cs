namespace Translator.Api.Streaming;

/// <summary>
/// An upstream SSE body, read as is, that fails with <see cref="InvalidDataException"/> once a line
/// grows past a limit. <c>SseParser</c> buffers a line until it ends, so without a bound one broken
/// or hostile upstream could make a single stream hold any amount of memory.
/// </summary>
internal sealed class LineLimitedStream(Stream inner, int maxLineBytes) : Stream
{
    private int _lineLength;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Measure(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Measure(buffer.AsSpan(offset, read));
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Follows the length of the current line across reads (CR, LF or CRLF end a line).</summary>
    private void Measure(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOfAny((byte)'\n', (byte)'\r');
            var length = end < 0 ? data.Length : end;
            if ((long)_lineLength + length > maxLineBytes)
            {
                throw new InvalidDataException($"The upstream sent a stream line longer than {maxLineBytes} bytes (Translator:Limits:MaxSseLineBytes).");
            }

            if (end < 0)
            {
                _lineLength += length;
                return;
            }

            _lineLength = 0;
            data = data[(end + 1)..];
        }
    }
}
