namespace Translator.Api.Memory;

/// <summary>
/// Gives the memory of a large call back to the system once the call is over. An idle process
/// allocates nothing, so no collection runs and the heap keeps its size: after a 64 MB answer the
/// translator stayed at ~450 MB. What holds more than a megabyte for a call says so when it lets go
/// (<see cref="LargeCallEnded"/>); then this runs an aggressive (compacting, decommitting) full
/// collection a moment later, and once more after a minute, when the shared array pool, whose
/// buffers the SSE parser grows, lets go of buffers it has not lent since.
/// </summary>
internal sealed partial class MemoryReturner(TimeProvider time, ILogger<MemoryReturner> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The shared pool trims, at a full collection, the buffers it has not lent for 60 s.</summary>
    private static readonly TimeSpan PoolTrimAge = TimeSpan.FromSeconds(65);

    /// <summary>A heap still this large after the collection held the call's answer still in flight: it is tried again at the next tick, a few times.</summary>
    private const long StillInUse = 64L * 1024 * 1024;

    private const int Retries = 5;

    private static int _largeCallEnded;

    /// <summary>Called when a call lets go of more than a megabyte.</summary>
    public static void LargeCallEnded() => Volatile.Write(ref _largeCallEnded, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        DateTimeOffset? again = null;
        var retries = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                if (Interlocked.Exchange(ref _largeCallEnded, 0) == 1)
                {
                    again = now + PoolTrimAge;
                    retries = Retries;
                }
                else if (retries > 0)
                {
                    retries--;
                }
                else if (again is null || now < again)
                {
                    continue;
                }
                else
                {
                    again = null;
                }

                var before = GC.GetTotalMemory(forceFullCollection: false);
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var after = GC.GetTotalMemory(forceFullCollection: false);
                if (after < StillInUse)
                {
                    retries = 0;
                }

                Log.Returned(logger, before / (1024 * 1024), after / (1024 * 1024));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(95, LogLevel.Debug, "Returned the memory of a large call: heap {BeforeMegabytes} MB -> {AfterMegabytes} MB")]
        public static partial void Returned(ILogger logger, long beforeMegabytes, long afterMegabytes);
    }
}
