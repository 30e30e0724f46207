namespace Translator.Api.Forwarding;

/// <summary>
/// The one cancellation token of a translated call's upstream side, as YARP's activity timeout:
/// linked to the client's abort, first bounded by the wait for the upstream's headers, then by an
/// idle timeout that every read from the upstream's body re-arms. It records which side ended the call.
/// </summary>
internal sealed class UpstreamCallToken : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _clientAbort;
    private readonly CancellationToken _requestAborted;
    private TimeSpan _timeout;

    /// <param name="timeProvider">The clock of the time limits (the application's, so that tests can move it).</param>
    public UpstreamCallToken(CancellationToken requestAborted, TimeSpan headersTimeout, TimeProvider timeProvider)
    {
        _requestAborted = requestAborted;
        _timeout = headersTimeout;
        _source = new CancellationTokenSource(headersTimeout, timeProvider);
        _clientAbort = requestAborted.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The timer fired, not the client.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_requestAborted.IsCancellationRequested;

    /// <summary>The headers have come: from now on the call may be silent for <paramref name="idleTimeout"/> at a time.</summary>
    public void HeadersReceived(TimeSpan idleTimeout)
    {
        _timeout = idleTimeout;
        Touch();
    }

    /// <summary>The upstream sent something: the idle time starts over.</summary>
    public void Touch() => _source.CancelAfter(_timeout);

    /// <summary>The body from the upstream, re-arming the idle timeout on every read.</summary>
    public Stream Watch(Stream body) => new ActivityStream(body, this);

    public void Dispose()
    {
        _clientAbort.Dispose();
        _source.Dispose();
    }

    private sealed class ActivityStream(Stream inner, UpstreamCallToken token) : ObservedReadStream(inner)
    {
        protected override void OnRead(ReadOnlySpan<byte> data) => token.Touch();
    }
}
