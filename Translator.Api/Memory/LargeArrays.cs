using System.Buffers;
using System.Runtime.CompilerServices;

namespace Translator.Api.Memory;

/// <summary>
/// Arrays for one call's work: small ones from <see cref="ArrayPool{T}.Shared"/>, large ones new.
/// The shared pool keeps what it is given (up to 1 GB per array, per core) until a memory-pressured
/// full collection trims it, so one broken answer of 64 MB left the process holding 128 MB for
/// good; a new large array is garbage once the call ends, and <see cref="MemoryReturner"/>, told so, gives it back.
/// </summary>
internal static class LargeArrays
{
    /// <summary>Arrays up to 1 MiB are pooled: what ordinary requests and answers need.</summary>
    private const int PooledBytes = 1024 * 1024;

    /// <summary>An array of at least <paramref name="length"/> elements; hand it to <see cref="Return{T}"/> when done.</summary>
    public static T[] Rent<T>(int length) =>
        (long)length * Unsafe.SizeOf<T>() <= PooledBytes ? ArrayPool<T>.Shared.Rent(length) : GC.AllocateUninitializedArray<T>(length);

    public static void Return<T>(T[] array)
    {
        if ((long)array.Length * Unsafe.SizeOf<T>() <= PooledBytes)
        {
            ArrayPool<T>.Shared.Return(array);
        }
        else
        {
            MemoryReturner.LargeCallEnded();
        }
    }
}
