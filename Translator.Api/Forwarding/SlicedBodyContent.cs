using System.Net;

namespace Translator.Api.Forwarding;

/// <summary>
/// An upstream request body whose last write is small enough for the HTTP/1.1 connection to copy
/// into its own 4 KB write buffer. A body written whole goes to the socket as it is, and the socket's
/// send operation keeps a reference to the last buffer it sent until the next send on that
/// connection: for a stream, the whole translated prompt held for minutes (14 KB for a recorded
/// Claude Code turn, 14 MB over 1,000 streams; benchmarks/RESULTS.md, session 8). All but the tail still go out
/// in one write, so a large body costs no more sends than before.
/// </summary>
internal sealed class SlicedBodyContent(ReadOnlyMemory<byte> body) : HttpContent
{
    /// <summary>Half the connection's write buffer: the tail always fits beside what is already in it, or after one flush.</summary>
    public const int TailBytes = 2048;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var head = Math.Max(0, body.Length - TailBytes);
        if (head > 0)
        {
            await stream.WriteAsync(body[..head], cancellationToken);
        }

        await stream.WriteAsync(body[head..], cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
