using System.Buffers;

namespace Translator.Api.Forwarding;

/// <summary>Reads a stream into a pooled buffer, stopping one byte past a limit so that "too long" is detectable.</summary>
internal static class BoundedReader
{
    /// <summary>The caller returns <c>Buffer</c> to <see cref="ArrayPool{T}.Shared"/>; <c>Length</c> is above the limit when the stream was longer.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var readLimit = (int)Math.Min(limit + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(16 * 1024, readLimit));
        var length = 0;
        try
        {
            while (length < readLimit)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, readLimit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, readLimit) - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
