namespace Translator.Tests.Infrastructure;

/// <summary>What code allocates on the calling thread: a count, not a timing, so it cannot flake on a busy machine.</summary>
public static class Allocations
{
    /// <summary>Runs <paramref name="round"/> <paramref name="warmUp"/> times (buffers grow, blocks start), then counts the bytes of <paramref name="rounds"/> more.</summary>
    public static long Of(Action round, int rounds = 1000, int warmUp = 10)
    {
        for (var i = 0; i < warmUp; i++)
        {
            round();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < rounds; i++)
        {
            round();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
