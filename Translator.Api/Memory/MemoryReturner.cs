namespace Translator.Api.Memory;

/// <summary>
/// Gives the memory of one large call back to the system once it is garbage. An idle process
/// allocates nothing, so no collection runs and the heap keeps its size: after a 64 MB answer the
/// translator stayed at ~500 MB. Every few seconds this looks at the heap's size (garbage included:
/// what the last collection saw would miss what was allocated since); past a bound
/// that ordinary traffic stays far below, it runs one aggressive (compacting, decommitting) full
/// collection, and after that only once the heap has doubled again, so a heap that is large
/// because it is in use is not collected over and over.
/// </summary>
internal sealed partial class MemoryReturner(TimeProvider time, ILogger<MemoryReturner> logger) : BackgroundService
{
    /// <summary>The translator's managed heap is 10-60 MB under ordinary load (1,000 open streams included).</summary>
    private const long Bound = 128L * 1024 * 1024;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var threshold = Bound;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var size = GC.GetTotalMemory(forceFullCollection: false);
                if (size <= threshold)
                {
                    // A heap that shrank on its own lowers the bar again.
                    threshold = Math.Max(Bound, Math.Min(threshold, 2 * size));
                    continue;
                }

                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var after = GC.GetTotalMemory(forceFullCollection: false);
                threshold = Math.Max(Bound, 2 * after);
                Log.Returned(logger, size / (1024 * 1024), after / (1024 * 1024));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(90, LogLevel.Information, "Returned memory after a large call: heap {BeforeMegabytes} MB -> {AfterMegabytes} MB")]
        public static partial void Returned(ILogger logger, long beforeMegabytes, long afterMegabytes);
    }
}
