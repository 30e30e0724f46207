using Microsoft.Extensions.Time.Testing;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// A fake clock that also counts how often the app re-arms a timer for a given time, so that a
/// test can wait until the app has reacted (e.g. read from the upstream) before it moves time on,
/// instead of guessing with real waits.
/// </summary>
public sealed class WatchedClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TimeSpan, int> _arms = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);

    /// <summary>How often a timer has been set (created or changed) to fire after <paramref name="dueTime"/>.</summary>
    public int Arms(TimeSpan dueTime)
    {
        lock (_lock)
        {
            return _arms.GetValueOrDefault(dueTime);
        }
    }

    /// <summary>Waits until a timer is set to fire after <paramref name="dueTime"/> more than <paramref name="after"/> times.</summary>
    public async Task ArmedAsync(TimeSpan dueTime, int after)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Arms(dueTime) <= after)
        {
            // Real time only paces the polling; what the test sees does not depend on it.
            await Task.Delay(5, limit.Token);
        }
    }

    private void Armed(TimeSpan dueTime)
    {
        lock (_lock)
        {
            _arms[dueTime] = _arms.GetValueOrDefault(dueTime) + 1;
        }
    }

    private sealed class WatchedTimer : ITimer
    {
        private readonly ITimer _inner;
        private readonly WatchedClock _clock;

        public WatchedTimer(ITimer inner, WatchedClock clock)
        {
            _inner = inner;
            _clock = clock;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _clock.Armed(dueTime);
            return _inner.Change(dueTime, period);
        }

        public void Dispose() => _inner.Dispose();

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
