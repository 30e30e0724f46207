using System.Globalization;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// The translators (builds and protocols) side by side against nginx as a plain proxy, measured in
/// the same runs, and issue 25's targets: ratios taken within each run, then the median.
/// </summary>
internal static class HopReport
{
    private const double IdleTargetMegabytes = 60;
    private const double StreamsTargetMegabytes = 120;
    private const double AddedP50TargetRatio = 2;
    private const double ThroughputTargetRatio = 1;

    public static void Render(StringBuilder report, IReadOnlyList<ProtocolRuns> translators, DriverOptions options)
    {
        void Row(string label, Func<IReadOnlyList<LoadResult>, string> cell) =>
            report.AppendLine($"| {label} | {string.Join(" | ", translators.Select(t => cell(t.Runs)))} |");

        void Median(string label, Func<LoadResult, double> value, string format) => Row(label, runs => LoadReport.Median(runs, value).ToString(format, CultureInfo.InvariantCulture));

        void Nginx(string label, Func<LoadResult, double?> value, string format) => Row(label, runs => LoadReport.NginxMedian(runs, value, format));

        LoadReport.Header(report, $"| side by side, against nginx | {string.Join(" | ", translators.Select(t => t.Translator.Name))} |");
        report.AppendLine($"| publish folder without symbols MB | {string.Join(" | ", translators.Select(t => t.Translator.Build.PublishFolderMegabytes()?.ToString("0.0", CultureInfo.InvariantCulture) ?? "- (built beside the driver)"))} |");
        Median("start to first answered request ms (fresh process)", r => r.Fresh.FirstAnswerMilliseconds, "0");
        Median("RSS idle MB (fresh process, after its first answers)", r => r.Fresh.Idle.Rss, "0.0");
        Median($"peak RSS with {options.OpenStreams} open streams MB (fresh process)", r => r.Fresh.OpenStreams.PeakRssMegabytes, "0.0");
        Median($"peak RSS with {options.OpenStreams} open streams MB (after the load phases)", r => r.OpenStreams.PeakRssMegabytes, "0.0");
        if (options.Concurrencies.Contains(1))
        {
            Median("added p50, concurrency 1: translated ms", r => r.At(1).Through.P50Milliseconds - r.At(1).Direct.P50Milliseconds, "0.000");
            Median("added p50, concurrency 1: passthrough ms", r => r.At(1).Passthrough.P50Milliseconds - r.At(1).Direct.P50Milliseconds, "0.000");
            Nginx("added p50, concurrency 1: nginx ms", r => r.At(1).Nginx?.P50Milliseconds - r.At(1).Direct.P50Milliseconds, "0.000");
            Nginx("translated / nginx added p50, concurrency 1", AddedP50Ratio, "0.00");
            Nginx("passthrough / nginx added p50, concurrency 1", r => Added(r.At(1).Passthrough, r.At(1)) / Added(r.At(1).Nginx, r.At(1)), "0.00");
        }

        if (options.Concurrencies.Contains(32))
        {
            Median("req/s, concurrency 32: direct", r => r.At(32).Direct.RequestsPerSecond, "0");
            Median("req/s, concurrency 32: translated", r => r.At(32).Through.RequestsPerSecond, "0");
            Median("req/s, concurrency 32: passthrough", r => r.At(32).Passthrough.RequestsPerSecond, "0");
            Nginx("req/s, concurrency 32: nginx", r => r.At(32).Nginx?.RequestsPerSecond, "0");
            Nginx("translated / nginx req/s, concurrency 32", ThroughputRatio, "0.00");
            Nginx("passthrough / nginx req/s, concurrency 32", r => r.At(32).Passthrough.RequestsPerSecond / r.At(32).Nginx?.RequestsPerSecond, "0.00");
            Median("server CPU per request, concurrency 32: translated µs", r => r.At(32).Through.ServerCpuMicrosecondsPerRequest, "0");
            Median("server CPU per request, concurrency 32: passthrough µs", r => r.At(32).Passthrough.ServerCpuMicrosecondsPerRequest, "0");
            Nginx("server CPU per request, concurrency 32: nginx µs", r => r.At(32).Nginx?.ServerCpuMicrosecondsPerRequest, "0");
        }

        Median("first streamed byte added: translated ms", r => r.ThroughStream.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds, "0.000");
        Median("first streamed byte added: passthrough ms", r => r.PassthroughStream.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds, "0.000");
        Nginx("first streamed byte added: nginx ms", r => r.NginxStream?.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds, "0.000");

        report.AppendLine();
        LoadReport.Header(report, $"| target (issue 25) | {string.Join(" | ", translators.Select(t => t.Translator.Name))} |");
        Row($"RSS idle < {IdleTargetMegabytes} MB", runs => AtMost(LoadReport.Median(runs, r => r.Fresh.Idle.Rss), IdleTargetMegabytes, " MB"));
        Row($"peak RSS with {options.OpenStreams} open streams ≤ {StreamsTargetMegabytes} MB (fresh process)", runs => AtMost(LoadReport.Median(runs, r => r.Fresh.OpenStreams.PeakRssMegabytes), StreamsTargetMegabytes, " MB"));
        if (options.Concurrencies.Contains(1))
        {
            Row($"added p50 at concurrency 1 ≤ {AddedP50TargetRatio} × nginx's", runs => runs.Any(r => r.At(1).Nginx is null) ? "-" : AtMost(LoadReport.Median(runs, r => AddedP50Ratio(r)!.Value), AddedP50TargetRatio, " × nginx"));
        }

        if (options.Concurrencies.Contains(32))
        {
            Row($"req/s at concurrency 32 ≥ {ThroughputTargetRatio} × nginx's", runs => runs.Any(r => r.At(32).Nginx is null) ? "-" : AtLeast(LoadReport.Median(runs, r => ThroughputRatio(r)!.Value), ThroughputTargetRatio, " × nginx"));
        }
    }

    private static double? Added(RequestResult? hop, ConcurrencyResult at) => hop?.P50Milliseconds - at.Direct.P50Milliseconds;

    private static double? AddedP50Ratio(LoadResult r) => Added(r.At(1).Through, r.At(1)) / Added(r.At(1).Nginx, r.At(1));

    private static double? ThroughputRatio(LoadResult r) => r.At(32).Through.RequestsPerSecond / r.At(32).Nginx?.RequestsPerSecond;

    private static string AtMost(double value, double target, string unit) =>
        value <= target ? Format(value, unit, "met") : Format(value, unit, $"missed by {(value - target).ToString("0.00", CultureInfo.InvariantCulture)}{unit}");

    private static string AtLeast(double value, double target, string unit) =>
        value >= target ? Format(value, unit, "met") : Format(value, unit, $"missed by {(target - value).ToString("0.00", CultureInfo.InvariantCulture)}{unit}");

    private static string Format(double value, string unit, string verdict) => $"{value.ToString("0.00", CultureInfo.InvariantCulture)}{unit}: **{verdict}**";
}
