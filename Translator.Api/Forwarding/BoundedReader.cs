using Translator.Api.Memory;

namespace Translator.Api.Forwarding;

/// <summary>Reads a stream into a buffer from <see cref="LargeArrays"/>, stopping one byte past a limit so that "too long" is detectable.</summary>
internal static class BoundedReader
{
    /// <summary>The caller hands <c>Buffer</c> to <see cref="LargeArrays.Return{T}"/>; <c>Length</c> is above the limit when the stream was longer.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var readLimit = (int)Math.Min(limit + 1, Array.MaxLength);
        var buffer = LargeArrays.Rent<byte>(Math.Min(16 * 1024, readLimit));
        var length = 0;
        try
        {
            while (length < readLimit)
            {
                if (length == buffer.Length)
                {
                    var larger = LargeArrays.Rent<byte>((int)Math.Min((long)buffer.Length * 2, readLimit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    LargeArrays.Return(buffer);
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
            LargeArrays.Return(buffer);
            throw;
        }
    }
}
