using Translator.Api.Memory;

namespace Translator.Api.Forwarding;

/// <summary>
/// A request body as the client sent it (lone surrogate escapes mended), kept in the buffer it was
/// read into, for a route that sends it on untranslated; disposing it gives the buffer back.
/// </summary>
internal sealed class RequestBody(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlyMemory<byte> Bytes => (_buffer ?? throw new ObjectDisposedException(nameof(RequestBody))).AsMemory(0, length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } returned)
        {
            LargeArrays.Return(returned);
        }
    }
}
