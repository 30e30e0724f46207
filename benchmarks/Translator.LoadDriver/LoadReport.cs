using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// The load runs as markdown tables, one set per translator (build and upstream protocol), then the
/// translators side by side against nginx and the targets (<see cref="HopReport"/>). Every number is
/// the median over the runs; a difference or a ratio is taken within each run (both sides measured
/// minutes apart at most), then the median.
/// </summary>
internal static class LoadReport
{
    public const string NoNginx = "nginx is not installed (`apt install nginx-light`), so the nginx baseline and the targets measured against it are left out (`-`).";

    public static string Render(IReadOnlyList<ProtocolRuns> translators, bool withNginx, DriverOptions options)
    {
        var report = new StringBuilder();
        report.AppendLine($"Medians of {options.Runs} runs; {options.Seconds} s per request measurement; {Environment.ProcessorCount} cores; {Environment.OSVersion}; .NET {Environment.Version}.");
        report.AppendLine(options.TranslatorEnvironment.Count == 0 ? "Translators as built." : $"Translators with {string.Join(", ", options.TranslatorEnvironment.Select(e => $"`{e.Key}={e.Value}`"))}.");
        report.AppendLine(withNginx ? "nginx in front of the same upstream as a plain proxy (keep-alive upstream, no buffering, no access log, one worker per core)." : NoNginx);
        foreach (var translator in translators)
        {
            report.AppendLine();
            report.AppendLine(
                $"Build **{translator.Translator.Build.Name}** (`{translator.Translator.Build.Path}`{string.Concat(translator.Translator.Build.Environment.Select(e => $", `{e.Key}={e.Value}`"))}), upstream protocol **{translator.Wire.Protocol}** " +
                $"(`Translator:Upstream:Protocol={translator.Wire.Protocol}`; direct, nginx and passthrough: `POST {translator.Wire.Path}`):");
            report.AppendLine();
            Requests(report, translator.Runs, options.Concurrencies);
            report.AppendLine();
            ServerCpu(report, translator.Runs, options.Concurrencies);
            report.AppendLine();
            Streams(report, translator.Runs);
            report.AppendLine();
            OpenStreams(report, translator.Runs, options.OpenStreams);
        }

        report.AppendLine();
        HopReport.Render(report, translators, options);
        return report.ToString();
    }

    /// <summary>The header row, and the row under it: the first column left-aligned, the numbers right-aligned.</summary>
    public static void Header(StringBuilder report, string header)
    {
        report.AppendLine(header);
        report.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", header.Count(c => c == '|') - 2)));
    }

    public static double Median(IReadOnlyList<LoadResult> runs, Func<LoadResult, double> value)
    {
        var values = runs.Select(value).Order().ToList();
        return values[values.Count / 2];
    }

    /// <summary>The median of a value that only the nginx measurements have; <c>-</c> without nginx.</summary>
    public static string NginxMedian(IReadOnlyList<LoadResult> runs, Func<LoadResult, double?> value, string format) =>
        runs.Any(r => value(r) is null) ? "-" : Median(runs, r => value(r)!.Value).ToString(format);

    private static void Requests(StringBuilder report, IReadOnlyList<LoadResult> runs, IReadOnlyList<int> concurrencies) =>
        PerConcurrency(
            report,
            concurrencies,
            "| non-streaming | direct p50 ms | through p50 ms | added p50 ms | passthrough added p50 ms | nginx added p50 ms | direct p99 ms | through p99 ms " +
            "| direct req/s | through req/s | passthrough req/s | nginx req/s | through/direct req/s | passthrough/direct req/s | nginx/direct req/s | through/nginx req/s |",
            c =>
                $"{Median(runs, r => r.At(c).Direct.P50Milliseconds):0.000} | {Median(runs, r => r.At(c).Through.P50Milliseconds):0.000} " +
                $"| {Median(runs, r => r.At(c).Through.P50Milliseconds - r.At(c).Direct.P50Milliseconds):0.000} | {Median(runs, r => r.At(c).Passthrough.P50Milliseconds - r.At(c).Direct.P50Milliseconds):0.000} " +
                $"| {NginxMedian(runs, r => r.At(c).Nginx?.P50Milliseconds - r.At(c).Direct.P50Milliseconds, "0.000")} " +
                $"| {Median(runs, r => r.At(c).Direct.P99Milliseconds):0.000} | {Median(runs, r => r.At(c).Through.P99Milliseconds):0.000} " +
                $"| {Median(runs, r => r.At(c).Direct.RequestsPerSecond):0} | {Median(runs, r => r.At(c).Through.RequestsPerSecond):0} " +
                $"| {Median(runs, r => r.At(c).Passthrough.RequestsPerSecond):0} | {NginxMedian(runs, r => r.At(c).Nginx?.RequestsPerSecond, "0")} " +
                $"| {Median(runs, r => r.At(c).Through.RequestsPerSecond / r.At(c).Direct.RequestsPerSecond):0.00} | {Median(runs, r => r.At(c).Passthrough.RequestsPerSecond / r.At(c).Direct.RequestsPerSecond):0.00} " +
                $"| {NginxMedian(runs, r => r.At(c).Nginx?.RequestsPerSecond / r.At(c).Direct.RequestsPerSecond, "0.00")} " +
                $"| {NginxMedian(runs, r => r.At(c).Through.RequestsPerSecond / r.At(c).Nginx?.RequestsPerSecond, "0.00")}");

    private static void ServerCpu(StringBuilder report, IReadOnlyList<LoadResult> runs, IReadOnlyList<int> concurrencies) =>
        PerConcurrency(
            report,
            concurrencies,
            "| server CPU time per request (user + system) | upstream, direct µs | translator, through µs | translator, passthrough µs | translation's own µs (through − passthrough) | nginx (all workers) µs |",
            c =>
                $"{Median(runs, r => r.At(c).Direct.ServerCpuMicrosecondsPerRequest):0} | {Median(runs, r => r.At(c).Through.ServerCpuMicrosecondsPerRequest):0} " +
                $"| {Median(runs, r => r.At(c).Passthrough.ServerCpuMicrosecondsPerRequest):0} " +
                $"| {Median(runs, r => r.At(c).Through.ServerCpuMicrosecondsPerRequest - r.At(c).Passthrough.ServerCpuMicrosecondsPerRequest):0} " +
                $"| {NginxMedian(runs, r => r.At(c).Nginx?.ServerCpuMicrosecondsPerRequest, "0")}");

    /// <summary>A table with a row per concurrency; <paramref name="cells"/> gives a row's cells after the first.</summary>
    private static void PerConcurrency(StringBuilder report, IReadOnlyList<int> concurrencies, string header, Func<int, string> cells)
    {
        Header(report, header);
        foreach (var c in concurrencies)
        {
            report.AppendLine($"| concurrency {c} | {cells(c)} |");
        }
    }

    private static void Streams(StringBuilder report, IReadOnlyList<LoadResult> runs)
    {
        Header(report, $"| streaming ({FastUpstream.StreamChunks} chunks), concurrency 1 | direct | through | added | passthrough added | nginx added |");
        report.AppendLine(
            $"| first byte p50 ms | {Median(runs, r => r.DirectStream.FirstByteP50Milliseconds):0.000} | {Median(runs, r => r.ThroughStream.FirstByteP50Milliseconds):0.000} " +
            $"| {Median(runs, r => r.ThroughStream.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds):0.000} " +
            $"| {Median(runs, r => r.PassthroughStream.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds):0.000} " +
            $"| {NginxMedian(runs, r => r.NginxStream?.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds, "0.000")} |");
        report.AppendLine(
            $"| last byte p50 ms | {Median(runs, r => r.DirectStream.LastByteP50Milliseconds):0.000} | {Median(runs, r => r.ThroughStream.LastByteP50Milliseconds):0.000} " +
            $"| {Median(runs, r => r.ThroughStream.LastByteP50Milliseconds - r.DirectStream.LastByteP50Milliseconds):0.000} " +
            $"| {Median(runs, r => r.PassthroughStream.LastByteP50Milliseconds - r.DirectStream.LastByteP50Milliseconds):0.000} " +
            $"| {NginxMedian(runs, r => r.NginxStream?.LastByteP50Milliseconds - r.DirectStream.LastByteP50Milliseconds, "0.000")} |");
    }

    /// <summary>
    /// Memory depends on the GC's history: the streams of the previous run are dead but stay in
    /// generation 2 until its next collection, so the range across runs is part of the result. The
    /// fresh process of each run has no such history.
    /// </summary>
    private static void OpenStreams(StringBuilder report, IReadOnlyList<LoadResult> runs, int openStreams)
    {
        void Row(string label, Func<LoadResult, double> value, string format) =>
            report.AppendLine($"| {label} | {Median(runs, value).ToString(format)} | {runs.Min(value).ToString(format)} | {runs.Max(value).ToString(format)} |");

        Header(report, $"| memory, {openStreams} open streams | median | lowest run | highest run |");
        Row("fresh process: start to first answered request ms", r => r.Fresh.FirstAnswerMilliseconds, "0");
        Row("fresh process: RSS idle after its first answers MB", r => r.Fresh.Idle.Rss, "0.0");
        Row("fresh process: streams open at once", r => r.Fresh.OpenStreams.Opened, "0");
        Row("fresh process: peak RSS while opening and holding them MB", r => r.Fresh.OpenStreams.PeakRssMegabytes, "0.0");
        Row("after the load phases: streams open at once", r => r.OpenStreams.Opened, "0");
        Row("after the load phases: RSS before the streams MB", r => r.OpenStreams.RssBeforeMegabytes, "0.0");
        Row("after the load phases: RSS with the streams open MB", r => r.OpenStreams.WithStreams.Rss, "0.0");
        Row("after the load phases: peak RSS while opening and holding them MB", r => r.OpenStreams.PeakRssMegabytes, "0.0");
        Row("of which anonymous (heaps, stacks, JIT code) MB", r => r.OpenStreams.WithStreams.Anonymous, "0.0");
        Row("of which mapped files (runtime and assemblies) MB", r => r.OpenStreams.WithStreams.MappedFiles, "0.0");
        Row("of which shared memory (the runtime's double-mapped code heap) MB", r => r.OpenStreams.WithStreams.SharedMemory, "0.0");
    }
}
