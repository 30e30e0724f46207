using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Sees every chat operation end, process-wide: the GenAI spans the translator stops and the
/// operation-duration measurements it records, by requested model (tests use a model name of their own).
/// </summary>
public sealed class OperationRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Activity>> _spans = new();
    private readonly ConcurrentDictionary<string, int> _durations = new();

    public OperationRecorder()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Translator.Api",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("gen_ai.request.model") is string model && activity.DisplayName == $"chat {model}")
                {
                    _spans.GetOrAdd(model, _ => new()).Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Translator.Api" && instrument.Name == "gen_ai.client.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "gen_ai.request.model", Value: string model })
                {
                    _durations.AddOrUpdate(model, 1, (_, count) => count + 1);
                }
            }
        });
        _meters.Start();
    }

    /// <summary>Waits for the operation of <paramref name="model"/> to end, then a little longer, and returns every span it ended with.</summary>
    public async Task<(IReadOnlyList<Activity> Spans, int Durations)> EndedAsync(string model)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!_spans.ContainsKey(model) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // Long enough for a second ending, were there one.
        await Task.Delay(300);
        return (_spans.TryGetValue(model, out var spans) ? [.. spans] : [], _durations.GetValueOrDefault(model));
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
