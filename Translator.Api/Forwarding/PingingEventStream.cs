using System.IO.Pipelines;
using Translator.Api.Anthropic;

namespace Translator.Api.Forwarding;

/// <summary>
/// The response side of an Anthropic stream: writers take turns through <see cref="AcquireAsync"/> /
/// <see cref="ReleaseAsync"/>, which flushes, so every event leaves at once. While nothing is
/// written for <c>interval</c>, a timer writes <c>ping</c> events, so neither the client nor a proxy
/// sees an idle connection while the model thinks. While the output is held (<see cref="HeldOutput"/>)
/// nothing is flushed; this releases it, and nothing else does: when a writer's turn ends with the
/// stream known to be an answer, or at the first tick of the timer, so a stream is held at most one interval.
/// </summary>
internal sealed class PingingEventStream : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PipeWriter _body;
    private readonly HeldOutput _output;
    private readonly AnthropicEventWriter _events;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly CancellationToken _cancellationToken;

    public PingingEventStream(PipeWriter body, HeldOutput output, AnthropicEventWriter events, TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _body = body;
        _output = output;
        _events = events;
        _interval = interval;
        _cancellationToken = cancellationToken;
        _timer = timeProvider.CreateTimer(static state => _ = ((PingingEventStream)state!).PingAsync(), this, interval, interval);
    }

    /// <summary>Whether the output is still held: nothing of the stream has reached the client.</summary>
    public bool IsHeld => _output.IsHeld;

    public Task AcquireAsync() => _gate.WaitAsync(_cancellationToken);

    /// <summary>Ends a writer's turn: flushes what it wrote, unless the output is still held.</summary>
    /// <param name="answerBegun">The stream is known to be an answer (its content came, or it is over): what was held goes out first.</param>
    public async Task ReleaseAsync(bool answerBegun = false)
    {
        try
        {
            if (answerBegun)
            {
                _output.Release();
            }

            if (!_output.IsHeld)
            {
                await _body.FlushAsync(_cancellationToken);
            }

            _timer.Change(_interval, _interval);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();

        // A ping may be on its way out; let it finish before the response completes.
        await _gate.WaitAsync(CancellationToken.None);
        _gate.Release();
    }

    private async Task PingAsync()
    {
        if (!_gate.Wait(0))
        {
            return;
        }

        try
        {
            if (_output.IsHeld)
            {
                _output.Release();
            }
            else
            {
                _events.Ping();
            }

            await _body.FlushAsync(_cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client is gone or the response has ended; the stream loop sees the same and stops.
        }
        finally
        {
            _gate.Release();
        }
    }
}
