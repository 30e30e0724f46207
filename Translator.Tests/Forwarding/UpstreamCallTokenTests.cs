using Microsoft.Extensions.Time.Testing;
using Translator.Api.Forwarding;

namespace Translator.Tests.Forwarding;

/// <summary>The one token of a call's upstream side: the headers' time limit, then an idle limit every read re-arms, on a fake clock.</summary>
public sealed class UpstreamCallTokenTests : IDisposable
{
    private static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new();
    private readonly CancellationTokenSource _client = new();

    [Fact]
    public void The_wait_for_headers_times_out_after_the_headers_timeout()
    {
        using var call = new UpstreamCallToken(_client.Token, HeadersTimeout, _clock);

        _clock.Advance(HeadersTimeout - TimeSpan.FromTicks(1));
        Assert.False(call.Token.IsCancellationRequested);

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(call.Token.IsCancellationRequested);
        Assert.True(call.TimedOut);
    }

    [Fact]
    public void Once_the_headers_came_the_idle_timeout_applies()
    {
        using var call = new UpstreamCallToken(_client.Token, HeadersTimeout, _clock);
        _clock.Advance(TimeSpan.FromSeconds(25));

        call.HeadersReceived(IdleTimeout);
        _clock.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        Assert.False(call.Token.IsCancellationRequested);

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(call.TimedOut);
    }

    [Fact]
    public async Task Every_read_of_the_watched_body_re_arms_the_idle_timeout()
    {
        using var call = new UpstreamCallToken(_client.Token, HeadersTimeout, _clock);
        call.HeadersReceived(IdleTimeout);
        await using var body = call.Watch(new MemoryStream("abcdef"u8.ToArray()));
        var buffer = new byte[2];

        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(IdleTimeout - TimeSpan.FromSeconds(1));
            Assert.Equal(2, await body.ReadAsync(buffer));
        }

        // Three reads spread over 27 s: still alive, and it is the last read the limit runs from.
        Assert.False(call.Token.IsCancellationRequested);
        _clock.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        Assert.False(call.Token.IsCancellationRequested);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(call.TimedOut);
    }

    [Fact]
    public void A_client_abort_cancels_the_call_and_is_not_a_time_out()
    {
        using var call = new UpstreamCallToken(_client.Token, HeadersTimeout, _clock);

        _client.Cancel();

        Assert.True(call.Token.IsCancellationRequested);
        Assert.False(call.TimedOut);
    }

    public void Dispose() => _client.Dispose();
}
