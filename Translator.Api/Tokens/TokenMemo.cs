using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;

namespace Translator.Api.Tokens;

/// <summary>
/// Counts remembered by a 128-bit hash of what was counted. Coding agents resend the whole
/// conversation every turn: the system prompt, the tool definitions and every earlier message come
/// back unchanged, so a turn pays a hash for what was counted before and a count only for what is new.
/// </summary>
internal sealed class TokenMemo
{
    /// <summary>Texts this long or longer are remembered; shorter ones cost less to count than to look up.</summary>
    public const int MinTextLength = 256;

    /// <summary>About 1 MB of entries at most; when full, the memory starts over.</summary>
    private const int Capacity = 16_384;

    private readonly ConcurrentDictionary<UInt128, long> _remembered = new();
    private int _count;

    /// <summary>The count remembered for <paramref name="key"/>, or <paramref name="count"/>'s, then remembered.</summary>
    public long Remember<TState>(UInt128 key, TState state, Func<TState, long> count)
    {
        if (_remembered.TryGetValue(key, out var known))
        {
            return known;
        }

        known = count(state);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _remembered.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        _remembered.TryAdd(key, known);
        return known;
    }

    /// <summary>A part of a hashed key, with its length, so that parts cannot run into each other.</summary>
    public static void AppendPart(XxHash128 hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, part.Length);
        hash.Append(length);
        hash.Append(part);
    }
}
