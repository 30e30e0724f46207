using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// The load runs as markdown tables, one set per upstream protocol, then the protocols side by side.
/// Every number is the median over the runs; a difference or a ratio is taken within each run (both
/// sides measured minutes apart at most), then the median.
/// </summary>
internal static class LoadReport
{
    public static string Render(IReadOnlyList<ProtocolRuns> protocols, DriverOptions options)
    {
        var report = new StringBuilder();
        report.AppendLine($"Medians of {options.Runs} runs; {options.Seconds} s per request measurement; {Environment.ProcessorCount} cores; {Environment.OSVersion}; .NET {Environment.Version}.");
        foreach (var protocol in protocols)
        {
            report.AppendLine();
            report.AppendLine($"Upstream protocol **{protocol.Wire.Protocol}** (`Translator:Upstream:Protocol={protocol.Wire.Protocol}`; direct and passthrough: `POST {protocol.Wire.Path}`):");
            report.AppendLine();
            Requests(report, protocol.Runs);
            report.AppendLine();
            ServerCpu(report, protocol.Runs);
            report.AppendLine();
            Streams(report, protocol.Runs);
            report.AppendLine();
            OpenStreams(report, protocol.Runs, options.OpenStreams);
        }

        if (protocols.Count > 1)
        {
            report.AppendLine();
            SideBySide(report, protocols, options.OpenStreams);
        }

        return report.ToString();
    }

    private static void Requests(StringBuilder report, IReadOnlyList<LoadResult> runs) =>
        PerConcurrency(
            report,
            "| non-streaming | direct p50 ms | through p50 ms | added p50 ms | passthrough added p50 ms | direct p99 ms | through p99 ms | direct req/s | through req/s | through/direct req/s | passthrough/direct req/s | through/passthrough req/s |",
            c =>
                $"{Median(runs, r => r.At(c).Direct.P50Milliseconds):0.000} | {Median(runs, r => r.At(c).Through.P50Milliseconds):0.000} " +
                $"| {Median(runs, r => AddedP50(r.At(c))):0.000} | {Median(runs, r => r.At(c).Passthrough.P50Milliseconds - r.At(c).Direct.P50Milliseconds):0.000} " +
                $"| {Median(runs, r => r.At(c).Direct.P99Milliseconds):0.000} | {Median(runs, r => r.At(c).Through.P99Milliseconds):0.000} " +
                $"| {Median(runs, r => r.At(c).Direct.RequestsPerSecond):0} | {Median(runs, r => r.At(c).Through.RequestsPerSecond):0} " +
                $"| {Median(runs, r => ThroughPerDirect(r.At(c))):0.00} | {Median(runs, r => r.At(c).Passthrough.RequestsPerSecond / r.At(c).Direct.RequestsPerSecond):0.00} " +
                $"| {Median(runs, r => r.At(c).Through.RequestsPerSecond / r.At(c).Passthrough.RequestsPerSecond):0.00}");

    private static void ServerCpu(StringBuilder report, IReadOnlyList<LoadResult> runs) =>
        PerConcurrency(
            report,
            "| server CPU time per request (user + system) | upstream, direct µs | translator, through µs | translator, passthrough µs | translation's own µs (through − passthrough) |",
            c =>
                $"{Median(runs, r => r.At(c).Direct.ServerCpuMicrosecondsPerRequest):0} | {Median(runs, r => r.At(c).Through.ServerCpuMicrosecondsPerRequest):0} " +
                $"| {Median(runs, r => r.At(c).Passthrough.ServerCpuMicrosecondsPerRequest):0} " +
                $"| {Median(runs, r => r.At(c).Through.ServerCpuMicrosecondsPerRequest - r.At(c).Passthrough.ServerCpuMicrosecondsPerRequest):0}");

    /// <summary>A table with a row per concurrency; <paramref name="cells"/> gives a row's cells after the first.</summary>
    private static void PerConcurrency(StringBuilder report, string header, Func<int, string> cells)
    {
        Header(report, header);
        foreach (var c in LoadRun.Concurrencies)
        {
            report.AppendLine($"| concurrency {c} | {cells(c)} |");
        }
    }

    /// <summary>The header row, and the row under it: the first column left-aligned, the numbers right-aligned.</summary>
    private static void Header(StringBuilder report, string header)
    {
        report.AppendLine(header);
        report.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", header.Count(c => c == '|') - 2)));
    }

    private static void Streams(StringBuilder report, IReadOnlyList<LoadResult> runs)
    {
        Header(report, $"| streaming ({FastUpstream.StreamChunks} chunks), concurrency 1 | direct | through | added |");
        report.AppendLine(
            $"| first byte p50 ms | {Median(runs, r => r.DirectStream.FirstByteP50Milliseconds):0.000} | {Median(runs, r => r.ThroughStream.FirstByteP50Milliseconds):0.000} " +
            $"| {Median(runs, AddedFirstByte):0.000} |");
        report.AppendLine(
            $"| last byte p50 ms | {Median(runs, r => r.DirectStream.LastByteP50Milliseconds):0.000} | {Median(runs, r => r.ThroughStream.LastByteP50Milliseconds):0.000} " +
            $"| {Median(runs, r => r.ThroughStream.LastByteP50Milliseconds - r.DirectStream.LastByteP50Milliseconds):0.000} |");
    }

    /// <summary>
    /// Memory depends on the GC's history: the streams of the previous run are dead but stay in
    /// generation 2 until its next collection, so the range across runs is part of the result.
    /// </summary>
    private static void OpenStreams(StringBuilder report, IReadOnlyList<LoadResult> runs, int openStreams)
    {
        void Row(string label, Func<OpenStreamsResult, double> value, string format) =>
            report.AppendLine(
                $"| {label} | {Median(runs, r => value(r.OpenStreams)).ToString(format)} " +
                $"| {runs.Min(r => value(r.OpenStreams)).ToString(format)} | {runs.Max(r => value(r.OpenStreams)).ToString(format)} |");

        Header(report, $"| {openStreams} open streams | median | lowest run | highest run |");
        Row("streams open at once", s => s.Opened, "0");
        Row("translator RSS before the streams MB", s => s.RssBeforeMegabytes, "0.0");
        Row("translator RSS with the streams open MB", s => s.WithStreams.Rss, "0.0");
        Row("translator peak RSS while opening and holding them MB", s => s.PeakRssMegabytes, "0.0");
        Row("of which anonymous (heaps, stacks, JIT code) MB", s => s.WithStreams.Anonymous, "0.0");
        Row("of which mapped files (runtime and assemblies) MB", s => s.WithStreams.MappedFiles, "0.0");
        Row("of which shared memory (the runtime's double-mapped code heap) MB", s => s.WithStreams.SharedMemory, "0.0");
    }

    /// <summary>The headline numbers of each protocol in one table, each the median of its own runs.</summary>
    private static void SideBySide(StringBuilder report, IReadOnlyList<ProtocolRuns> protocols, int openStreams)
    {
        void Row(string label, Func<LoadResult, double> value, string format) =>
            report.AppendLine($"| {label} | {string.Join(" | ", protocols.Select(p => Median(p.Runs, value).ToString(format)))} |");

        Header(report, $"| the protocols side by side | {string.Join(" | ", protocols.Select(p => p.Wire.Protocol))} |");
        Row("added p50, concurrency 1 ms", r => AddedP50(r.At(1)), "0.000");
        Row("added p50, concurrency 32 ms", r => AddedP50(r.At(32)), "0.000");
        Row("through req/s, concurrency 32", r => r.At(32).Through.RequestsPerSecond, "0");
        Row("through/direct req/s, concurrency 32", r => ThroughPerDirect(r.At(32)), "0.00");
        Row("translator CPU per request, concurrency 32 µs", r => r.At(32).Through.ServerCpuMicrosecondsPerRequest, "0");
        Row("first streamed byte added ms", AddedFirstByte, "0.000");
        Row($"translator RSS with {openStreams} open streams MB", r => r.OpenStreams.WithStreams.Rss, "0.0");
    }

    private static double AddedP50(ConcurrencyResult c) => c.Through.P50Milliseconds - c.Direct.P50Milliseconds;

    private static double ThroughPerDirect(ConcurrencyResult c) => c.Through.RequestsPerSecond / c.Direct.RequestsPerSecond;

    private static double AddedFirstByte(LoadResult r) => r.ThroughStream.FirstByteP50Milliseconds - r.DirectStream.FirstByteP50Milliseconds;

    private static double Median(IReadOnlyList<LoadResult> runs, Func<LoadResult, double> value)
    {
        var values = runs.Select(value).Order().ToList();
        return values[values.Count / 2];
    }
}
