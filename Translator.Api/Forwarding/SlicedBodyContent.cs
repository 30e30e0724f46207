using System.Net;

namespace Translator.Api.Forwarding;

/// <summary>
/// An upstream request body written in slices smaller than the HTTP/1.1 connection's 4 KB write
/// buffer, so the connection copies each into that buffer. A body written whole goes to the socket
/// as it is, and the socket's send operation keeps a reference to the last buffer it sent until the
/// next send on that connection: for a stream, the whole translated prompt held for minutes
/// (14 KB for a recorded Claude Code turn, 14 MB over 1,000 streams; benchmarks/MEMORY.md).
/// </summary>
internal sealed class SlicedBodyContent(byte[] body) : HttpContent
{
    /// <summary>Half the connection's write buffer: a slice always fits beside what is already in it, or after one flush.</summary>
    public const int SliceBytes = 2048;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < body.Length; offset += SliceBytes)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(SliceBytes, body.Length - offset)), cancellationToken);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
