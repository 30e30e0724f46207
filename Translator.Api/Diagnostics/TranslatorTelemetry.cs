using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Translator.Api.Diagnostics;

/// <summary>
/// The translator's one ActivitySource and one Meter. Their name is the application's name, which
/// ServiceDefaults subscribes to. Instruments follow the OpenTelemetry GenAI semantic conventions,
/// plus the translator's own overhead.
/// </summary>
internal static class TranslatorTelemetry
{
    public const string Name = "Translator.Api";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    // Sub-millisecond resolution: the translator's own cost is measured in microseconds.
    private static readonly double[] OverheadBuckets = [0.00002, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 327.68];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];

    public static readonly Histogram<double> OperationDuration = NewHistogram(
        "gen_ai.client.operation.duration", "s", "Duration of a chat operation, from the client's request to the end of the answer.", DurationBuckets);

    public static readonly Histogram<long> TokenUsage = NewHistogram(
        "gen_ai.client.token.usage", "{token}", "Tokens used, by gen_ai.token.type (input or output).", TokenBuckets);

    public static readonly Histogram<double> TimeToFirstToken = NewHistogram(
        "gen_ai.server.time_to_first_token", "s", "Time from the client's request to the first content event it is sent.", DurationBuckets);

    public static readonly Histogram<double> Overhead = NewHistogram(
        "translator.overhead", "s", "Time spent in the translator itself: the whole request minus the time spent waiting on the upstream.", OverheadBuckets);

    /// <summary>Requests sent on from a target to the next of their route, by <c>translator.fallback.reason</c>.</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "translator.fallbacks", "{fallback}", "Requests sent on from a target of their route to the next, by reason (rate_limited, login, model_not_found, server_error, unreachable, headers_timeout, stream_error, cooling).");

    public static class Events
    {
        /// <summary>One target of the route: tried (served or failed) or skipped while it cools.</summary>
        public const string Attempt = "translator.attempt";

        public const string UpstreamFirstByte = "translator.upstream.first_byte";
        public const string ClientFirstByte = "translator.client.first_byte";
    }

    private static Histogram<T> NewHistogram<T>(string name, string unit, string description, T[] buckets)
        where T : struct =>
        Meter.CreateHistogram(name, unit, description, advice: new InstrumentAdvice<T> { HistogramBucketBoundaries = buckets });
}
