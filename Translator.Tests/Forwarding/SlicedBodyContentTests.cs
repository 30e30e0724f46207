using Translator.Api.Forwarding;

namespace Translator.Tests.Forwarding;

/// <summary>
/// The upstream request body ends with a write the HTTP connection copies into its own write buffer:
/// a body written whole stays referenced by the socket's last send, for as long as a stream is open.
/// </summary>
public sealed class SlicedBodyContentTests
{
    [Fact]
    public async Task Writes_the_whole_body_and_ends_with_a_write_smaller_than_the_connection_write_buffer()
    {
        var body = new byte[(5 * SlicedBodyContent.TailBytes) + 123];
        Random.Shared.NextBytes(body);
        using var content = new SlicedBodyContent(body);
        var written = new WriteRecordingStream();

        await content.CopyToAsync(written);

        Assert.Equal(body, written.ToArray());
        Assert.True(written.Writes[^1] <= 2048, $"the last write is {written.Writes[^1]} bytes");
        Assert.True(written.Writes.Count <= 2, $"{written.Writes.Count} writes");
        Assert.Equal(body.Length, content.Headers.ContentLength);
    }

    /// <summary>Records each write once: a MemoryStream subclass would see an async write again as the sync write it forwards to.</summary>
    private sealed class WriteRecordingStream : Stream
    {
        private readonly MemoryStream _written = new();

        public List<int> Writes { get; } = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _written.ToArray();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(count);
            _written.Write(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _written.Dispose();
            base.Dispose(disposing);
        }
    }
}
