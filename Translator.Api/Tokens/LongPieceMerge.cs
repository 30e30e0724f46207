using System.Buffers;

namespace Translator.Api.Tokens;

/// <summary>
/// The byte-pair merge of a long piece in O(n log n). It makes the merges the scan in
/// <see cref="O200kEncoding"/> makes, in the same order (the lowest rank first, the leftmost of equal
/// ranks), but takes the next one from a min-heap of candidate pairs keyed by (rank, position)
/// instead of scanning every pair, over parts linked both ways instead of an array that shifts at
/// every merge. The scan is quadratic: a single word of 100,000 letters took it 3 s. While it
/// runs, a merge holds about 20 bytes per byte of its piece (three arrays of ints and the heap).
/// </summary>
internal static class LongPieceMerge
{
    private const int NoPair = int.MaxValue;

    public static int Count(O200kEncoding vocabulary, ReadOnlySpan<byte> piece, CountCheckpoints checkpoints)
    {
        // A part is named by its first byte i: it ends before ends[i] and follows previous[i];
        // pairRanks[i] is the rank of part i merged with the next part (NoPair: that is no token, or
        // part i itself was merged into the part before it). A queued pair whose rank is no longer
        // pairRanks[i] has changed since: the pair a part forms with its next only ever grows, and
        // two spans of different lengths are different tokens, so an old entry never matches again.
        var length = piece.Length;
        var ends = ArrayPool<int>.Shared.Rent(length);
        var previous = ArrayPool<int>.Shared.Rent(length);
        var pairRanks = ArrayPool<int>.Shared.Rent(length);
        var heap = ArrayPool<long>.Shared.Rent(length);
        try
        {
            var queued = 0;
            for (var i = 0; i < length; i++)
            {
                ends[i] = i + 1;
                previous[i] = i - 1;
                pairRanks[i] = i + 1 < length ? PairRank(vocabulary, piece, i, i + 2) : NoPair;
                if (pairRanks[i] != NoPair)
                {
                    heap[queued++] = Key(pairRanks[i], i);
                }
            }

            for (var i = (queued / 2) - 1; i >= 0; i--)
            {
                SiftDown(heap, queued, i, heap[i]);
            }

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
                var absorbed = ends[start];
                var end = ends[absorbed];
                ends[start] = end;
                pairRanks[absorbed] = NoPair;
                parts--;
                if (end < length)
                {
                    previous[end] = start;
                    pairRanks[start] = PairRank(vocabulary, piece, start, ends[end]);
                    Push(ref heap, ref queued, pairRanks[start], start);
                }
                else
                {
                    pairRanks[start] = NoPair;
                }

                if (start > 0)
                {
                    var before = previous[start];
                    pairRanks[before] = PairRank(vocabulary, piece, before, end);
                    Push(ref heap, ref queued, pairRanks[before], before);
                }
            }

            return parts;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ends);
            ArrayPool<int>.Shared.Return(previous);
            ArrayPool<int>.Shared.Return(pairRanks);
            ArrayPool<long>.Shared.Return(heap);
        }
    }

    private static int PairRank(O200kEncoding vocabulary, ReadOnlySpan<byte> piece, int start, int end) =>
        vocabulary.Rank(piece[start..end]) is >= 0 and var rank ? rank : NoPair;

    /// <summary>Ordered by rank, then by position: the leftmost of equal ranks comes first, as in the scan.</summary>
    private static long Key(int rank, int start) => ((long)rank << 32) | (uint)start;

    private static void Push(ref long[] heap, ref int count, int rank, int start)
    {
        if (rank == NoPair)
        {
            return;
        }

        if (count == heap.Length)
        {
            var larger = ArrayPool<long>.Shared.Rent(2 * heap.Length);
            heap.AsSpan(0, count).CopyTo(larger);
            ArrayPool<long>.Shared.Return(heap);
            heap = larger;
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
