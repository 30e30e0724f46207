using Translator.Api.Memory;

namespace Translator.Api.Tokens;

/// <summary>
/// The byte-pair merge of a long piece in O(n log n). It makes the merges the scan in
/// <see cref="O200kEncoding"/> makes, in the same order (the lowest rank first, the leftmost of equal
/// ranks), but takes the next one from a min-heap of candidate pairs keyed by (rank, position)
/// instead of scanning every pair. The scan is quadratic: a single word of 100,000 letters took it
/// 3 s. While it runs, a merge holds about 12 bytes per byte of its piece (one array of ints and the
/// heap); it held 20 with arrays of part ends and predecessors, which it now finds by stepping over
/// absorbed bytes: a part is a token, so a step is at most the longest token.
/// </summary>
internal static class LongPieceMerge
{
    private const int NoPair = int.MaxValue;

    /// <summary>Marks a byte that belongs to the part before it.</summary>
    private const int Absorbed = -1;

    public static int Count(O200kEncoding vocabulary, ReadOnlySpan<byte> piece, CountCheckpoints checkpoints)
    {
        // A part is named by its first byte i; pairRanks[i] is the rank of part i merged with the
        // next part (NoPair: that is no token), Absorbed for every other byte of a part. A queued
        // pair whose rank is no longer pairRanks[i] has changed since: the pair a part forms with
        // its next only ever grows, and two spans of different lengths are different tokens, so an
        // old entry never matches again.
        var length = piece.Length;
        var pairRanks = LargeArrays.Rent<int>(length);
        var heap = LargeArrays.Rent<long>(length);
        try
        {
            var queued = 0;
            for (var i = 0; i < length; i++)
            {
                pairRanks[i] = i + 1 < length ? PairRank(vocabulary, piece, i, i + 2) : NoPair;
                if (pairRanks[i] != NoPair)
                {
                    heap[queued++] = Key(pairRanks[i], i);
                }
            }

            Heapify(heap, queued);
            var parts = length;
            var merges = 0;
            while (queued > 0)
            {
                var key = Pop(heap, ref queued);
                var (rank, start) = ((int)(key >> 32), (int)key);
                if (pairRanks[start] != rank)
                {
                    continue;
                }

                if (++merges % CountCheckpoints.MergesBetween == 0)
                {
                    checkpoints.Pass();
                }

                // The next part is absorbed; the merged part pairs anew with the one after it, and
                // so does the part before it with the merged part.
                var absorbed = EndOf(pairRanks, start, length);
                var end = EndOf(pairRanks, absorbed, length);
                pairRanks[absorbed] = Absorbed;
                parts--;
                if (end < length)
                {
                    pairRanks[start] = PairRank(vocabulary, piece, start, EndOf(pairRanks, end, length));
                    Push(ref heap, ref queued, pairRanks, start);
                }
                else
                {
                    pairRanks[start] = NoPair;
                }

                if (start > 0)
                {
                    var before = start - 1;
                    while (pairRanks[before] == Absorbed)
                    {
                        before--;
                    }

                    pairRanks[before] = PairRank(vocabulary, piece, before, end);
                    Push(ref heap, ref queued, pairRanks, before);
                }
            }

            return parts;
        }
        finally
        {
            LargeArrays.Return(pairRanks);
            LargeArrays.Return(heap);
        }
    }

    /// <summary>Where the part that starts at <paramref name="start"/> ends: the next byte that starts a part.</summary>
    private static int EndOf(int[] pairRanks, int start, int length)
    {
        var end = start + 1;
        while (end < length && pairRanks[end] == Absorbed)
        {
            end++;
        }

        return end;
    }

    private static int PairRank(O200kEncoding vocabulary, ReadOnlySpan<byte> piece, int start, int end) =>
        vocabulary.Rank(piece[start..end]) is >= 0 and var rank ? rank : NoPair;

    /// <summary>Ordered by rank, then by position: the leftmost of equal ranks comes first, as in the scan.</summary>
    private static long Key(int rank, int start) => ((long)rank << 32) | (uint)start;

    private static void Push(ref long[] heap, ref int count, int[] pairRanks, int start)
    {
        var rank = pairRanks[start];
        if (rank == NoPair)
        {
            return;
        }

        if (count == heap.Length)
        {
            MakeRoom(ref heap, ref count, pairRanks);
        }

        var key = Key(rank, start);
        var i = count++;
        while (i > 0 && heap[(i - 1) / 2] > key)
        {
            heap[i] = heap[(i - 1) / 2];
            i = (i - 1) / 2;
        }

        heap[i] = key;
    }

    /// <summary>
    /// Drops the entries that no longer match their part; when that frees less than a quarter, the
    /// heap grows by half instead of doubling, so that growing never holds three times the heap.
    /// </summary>
    private static void MakeRoom(ref long[] heap, ref int count, int[] pairRanks)
    {
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (pairRanks[(int)heap[i]] == (int)(heap[i] >> 32))
            {
                heap[kept++] = heap[i];
            }
        }

        count = kept;
        Heapify(heap, count);
        if (count > heap.Length * 3 / 4)
        {
            var larger = LargeArrays.Rent<long>(heap.Length + (heap.Length / 2) + 1);
            heap.AsSpan(0, count).CopyTo(larger);
            LargeArrays.Return(heap);
            heap = larger;
        }
    }

    private static void Heapify(long[] heap, int count)
    {
        for (var i = (count / 2) - 1; i >= 0; i--)
        {
            SiftDown(heap, count, i, heap[i]);
        }
    }

    private static long Pop(long[] heap, ref int count)
    {
        var top = heap[0];
        count--;
        if (count > 0)
        {
            SiftDown(heap, count, 0, heap[count]);
        }

        return top;
    }

    /// <summary>Puts <paramref name="key"/> at <paramref name="i"/> or below, wherever it is no larger than its children.</summary>
    private static void SiftDown(long[] heap, int count, int i, long key)
    {
        for (var child = (2 * i) + 1; child < count; child = (2 * i) + 1)
        {
            if (child + 1 < count && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (key <= heap[child])
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = key;
    }
}
