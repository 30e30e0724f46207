using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// Starts the fast upstream and the real translator as processes on 127.0.0.1 and measures, in one
/// run, the same workload sent directly to the upstream and sent through the translator.
/// </summary>
internal static class Driver
{
    private const string DirectBody = """{"model":"gpt-5.1","messages":[{"role":"user","content":"Hello"}],"max_completion_tokens":64}""";
    private const string DirectStreamBody = """{"model":"gpt-5.1","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hello"}],"max_completion_tokens":64}""";
    private const string TranslatedBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";
    private const string TranslatedStreamBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""";
    private static readonly int[] Concurrencies = [1, 32, 256];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntArg(args, "--runs", 5);
        var seconds = IntArg(args, "--seconds", 3);
        var openStreams = IntArg(args, "--streams", 1000);
        var markdownPath = StringArg(args, "--markdown");

        var upstreamUrl = $"http://127.0.0.1:{FreePort()}";
        var translatorUrl = $"http://127.0.0.1:{FreePort()}";
        using var upstream = StartProcess(Path.Combine(AppContext.BaseDirectory, "Translator.LoadDriver.dll"), ["upstream", "--urls", upstreamUrl], []);
        var translatorEnvironment = new Dictionary<string, string>
        {
            ["Translator__Upstream__BaseUrl"] = upstreamUrl + "/v1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // --env KEY=VALUE (repeatable): extra environment for the translator, to compare settings.
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                translatorEnvironment[key] = value;
            }
        }

        using var translator = StartProcess(Path.Combine(AppContext.BaseDirectory, "Translator.Api.dll"), ["--urls", translatorUrl], translatorEnvironment);

        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                Timeout = TimeSpan.FromMinutes(2),
            };
            await WaitUntilUpAsync(http, translatorUrl + "/health");
            await WaitUntilUpAsync(http, upstreamUrl + "/v1/chat/completions", post: true);

            // --soak N: the long mixed-traffic run of issue 8 instead of the measurements.
            if (IntArg(args, "--soak", 0) is var soakRequests and > 0)
            {
                var soakReport = await Soak.RunAsync(translatorUrl, translator, soakRequests);
                Console.WriteLine(soakReport);
                if (markdownPath is not null)
                {
                    await File.WriteAllTextAsync(markdownPath, soakReport);
                }

                return soakReport.Contains("| unexpected results | 0 |", StringComparison.Ordinal) ? 0 : 1;
            }

            var results = new List<Dictionary<string, double>>();
            for (var run = 1; run <= runs; run++)
            {
                Console.Error.WriteLine($"run {run}/{runs}");
                var result = new Dictionary<string, double>();
                foreach (var concurrency in Concurrencies)
                {
                    await MeasureRequestsAsync(http, upstreamUrl + "/v1/chat/completions", DirectBody, concurrency, seconds, $"direct c{concurrency}", upstream, result);
                    await MeasureRequestsAsync(http, translatorUrl + "/v1/messages", TranslatedBody, concurrency, seconds, $"through c{concurrency}", translator, result);

                    // The floor of any proxy on this machine: the same process forwarding the
                    // direct request unchanged (its YARP passthrough), with no translation at all.
                    await MeasureRequestsAsync(http, translatorUrl + "/v1/chat/completions", DirectBody, concurrency, seconds, $"passthrough c{concurrency}", translator, result);
                }

                await MeasureStreamsAsync(http, upstreamUrl + "/v1/chat/completions", DirectStreamBody, "direct stream", result);
                await MeasureStreamsAsync(http, translatorUrl + "/v1/messages", TranslatedStreamBody, "through stream", result);
                await MeasureOpenStreamsAsync(translatorUrl + "/v1/messages", translator, openStreams, result);
                Console.Error.WriteLine(
                    $"run {run}: translator RSS {result["translator RSS idle MB"]:0.0} MB before the streams, {result["translator RSS with open streams MB"]:0.0} MB with them, " +
                    $"{result["translator peak RSS opening and holding streams MB"]:0.0} MB peak; c32 through/direct {result["through c32 req/s"] / result["direct c32 req/s"]:0.00}");
                results.Add(result);
            }

            var report = Report(results, runs, seconds, openStreams);
            Console.WriteLine(report);
            if (markdownPath is not null)
            {
                await File.WriteAllTextAsync(markdownPath, report);
            }

            return 0;
        }
        finally
        {
            Stop(translator);
            Stop(upstream);
        }
    }

    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> clients, each sending the next request when the
    /// last is answered. Also the CPU time the <paramref name="server"/> spent per request: unlike
    /// latency and throughput, it does not depend on what else the two cores are doing.
    /// </summary>
    private static async Task MeasureRequestsAsync(HttpClient http, string url, string body, int concurrency, int seconds, string name, Process server, Dictionary<string, double> result)
    {
        // Warm up connections and JIT first.
        await RunLoopAsync(http, url, body, concurrency, TimeSpan.FromSeconds(1));
        var cpuBefore = CpuMilliseconds(server);
        var latencies = await RunLoopAsync(http, url, body, concurrency, TimeSpan.FromSeconds(seconds));
        var cpu = CpuMilliseconds(server) - cpuBefore;
        latencies.Sort();
        result[$"{name} p50 ms"] = Percentile(latencies, 0.50);
        result[$"{name} p99 ms"] = Percentile(latencies, 0.99);
        result[$"{name} req/s"] = latencies.Count / (double)seconds;
        result[$"{name} server CPU us per request"] = cpu * 1000 / latencies.Count;
    }

    /// <summary>User and system time of a process, from /proc (clock ticks: 10 ms steps, fine over seconds of load).</summary>
    private static double CpuMilliseconds(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return ticks * 1000.0 / 100;
    }

    private static async Task<List<double>> RunLoopAsync(HttpClient http, string url, string body, int concurrency, TimeSpan duration)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new ByteArrayContent(content);
                request.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(url, request);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        });
        return [.. (await Task.WhenAll(workers)).SelectMany(l => l)];
    }

    /// <summary>One client, one stream after another: time to the first body byte and to the last.</summary>
    private static async Task MeasureStreamsAsync(HttpClient http, string url, string body, string name, Dictionary<string, double> result)
    {
        var first = new List<double>();
        var last = new List<double>();
        var buffer = new byte[16 * 1024];
        for (var i = 0; i < 220; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var read = await stream.ReadAsync(buffer);
            var firstByte = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            while (read > 0)
            {
                read = await stream.ReadAsync(buffer);
            }

            // The first 20 warm up.
            if (i >= 20)
            {
                first.Add(firstByte);
                last.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        first.Sort();
        last.Sort();
        result[$"{name} first byte p50 ms"] = Percentile(first, 0.5);
        result[$"{name} last byte p50 ms"] = Percentile(last, 0.5);
    }

    /// <summary>Opens many streams that the upstream holds open, and reads the translator's memory meanwhile.</summary>
    private static async Task MeasureOpenStreamsAsync(string url, Process translator, int count, Dictionary<string, double> result)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, MaxResponseDrainSize = 0 }) { Timeout = TimeSpan.FromMinutes(2) };
        var before = ReadRssMegabytes(translator, "VmRSS");
        var peakReset = ResetPeakRss(translator);
        using var release = new CancellationTokenSource();
        var opened = 0;
        var body = TranslatedStreamBody.Replace("claude-sonnet-4-5", "hold-60000", StringComparison.Ordinal);
        var streams = Enumerable.Range(0, count).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, release.Token);
                await using var stream = await response.Content.ReadAsStreamAsync(release.Token);
                var buffer = new byte[4096];
                if (await stream.ReadAsync(buffer, release.Token) > 0)
                {
                    Interlocked.Increment(ref opened);
                }

                await Task.Delay(Timeout.Infinite, release.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }).ToList();

        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref opened) < count && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        // Let the streams settle (pings, buffers), then read memory while all are open.
        await Task.Delay(1500);
        var during = ReadRssMegabytes(translator, "VmRSS");
        result["translator RssAnon with open streams MB"] = ReadRssMegabytes(translator, "RssAnon");
        result["translator RssFile with open streams MB"] = ReadRssMegabytes(translator, "RssFile");
        result["translator RssShmem with open streams MB"] = ReadRssMegabytes(translator, "RssShmem");
        result["open streams"] = Volatile.Read(ref opened);
        result["translator RSS idle MB"] = before;
        result["translator RSS with open streams MB"] = during;
        result["translator peak RSS opening and holding streams MB"] = peakReset ? ReadRssMegabytes(translator, "VmHWM") : double.NaN;
        release.Cancel();
        await Task.WhenAll(streams);
    }

    private static string Report(List<Dictionary<string, double>> runs, int runCount, int seconds, int openStreams)
    {
        double Median(string key)
        {
            var values = runs.Select(r => r[key]).Order().ToList();
            return values[values.Count / 2];
        }

        // A ratio is taken within each run (both sides measured minutes apart at most), then the median.
        double MedianRatio(string numerator, string denominator)
        {
            var values = runs.Select(r => r[numerator] / r[denominator]).Order().ToList();
            return values[values.Count / 2];
        }

        double MedianDifference(string minuend, string subtrahend)
        {
            var values = runs.Select(r => r[minuend] - r[subtrahend]).Order().ToList();
            return values[values.Count / 2];
        }

        var report = new StringBuilder();
        report.AppendLine($"Medians of {runCount} runs; {seconds} s per request measurement; {Environment.ProcessorCount} cores; {Environment.OSVersion}; .NET {Environment.Version}.");
        report.AppendLine();
        report.AppendLine("| non-streaming | direct p50 ms | through p50 ms | added p50 ms | passthrough added p50 ms | direct p99 ms | through p99 ms | direct req/s | through req/s | through/direct req/s | passthrough/direct req/s | through/passthrough req/s |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in Concurrencies)
        {
            var added = MedianDifference($"through c{c} p50 ms", $"direct c{c} p50 ms");
            var passthroughAdded = MedianDifference($"passthrough c{c} p50 ms", $"direct c{c} p50 ms");
            report.AppendLine(
                $"| concurrency {c} | {Median($"direct c{c} p50 ms"):0.000} | {Median($"through c{c} p50 ms"):0.000} | {added:0.000} | {passthroughAdded:0.000} " +
                $"| {Median($"direct c{c} p99 ms"):0.000} | {Median($"through c{c} p99 ms"):0.000} | {Median($"direct c{c} req/s"):0} | {Median($"through c{c} req/s"):0} " +
                $"| {MedianRatio($"through c{c} req/s", $"direct c{c} req/s"):0.00} | {MedianRatio($"passthrough c{c} req/s", $"direct c{c} req/s"):0.00} | {MedianRatio($"through c{c} req/s", $"passthrough c{c} req/s"):0.00} |");
        }

        report.AppendLine();
        report.AppendLine("| server CPU time per request (user + system) | upstream, direct µs | translator, through µs | translator, passthrough µs | translation's own µs (through − passthrough) |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var c in Concurrencies)
        {
            report.AppendLine(
                $"| concurrency {c} | {Median($"direct c{c} server CPU us per request"):0} | {Median($"through c{c} server CPU us per request"):0} " +
                $"| {Median($"passthrough c{c} server CPU us per request"):0} | {MedianDifference($"through c{c} server CPU us per request", $"passthrough c{c} server CPU us per request"):0} |");
        }

        report.AppendLine();
        var dFirst = Median("direct stream first byte p50 ms");
        var tFirst = Median("through stream first byte p50 ms");
        var addedFirst = MedianDifference("through stream first byte p50 ms", "direct stream first byte p50 ms");
        var addedLast = MedianDifference("through stream last byte p50 ms", "direct stream last byte p50 ms");
        report.AppendLine($"| streaming ({FastUpstream.StreamChunks} chunks), concurrency 1 | direct | through | added |");
        report.AppendLine("|---|---:|---:|---:|");
        report.AppendLine($"| first byte p50 ms | {dFirst:0.000} | {tFirst:0.000} | {addedFirst:0.000} |");
        report.AppendLine($"| last byte p50 ms | {Median("direct stream last byte p50 ms"):0.000} | {Median("through stream last byte p50 ms"):0.000} | {addedLast:0.000} |");
        report.AppendLine();
        // Memory depends on the GC's history: the streams of the previous run are dead but stay in
        // generation 2 until its next collection, so the range across runs is part of the result.
        string Row(string label, string key, string format) =>
            $"| {label} | {Median(key).ToString(format)} | {runs.Min(r => r[key]).ToString(format)} | {runs.Max(r => r[key]).ToString(format)} |";
        report.AppendLine($"| {openStreams} open streams | median | lowest run | highest run |");
        report.AppendLine("|---|---:|---:|---:|");
        report.AppendLine(Row("streams open at once", "open streams", "0"));
        report.AppendLine(Row("translator RSS before the streams MB", "translator RSS idle MB", "0.0"));
        report.AppendLine(Row("translator RSS with the streams open MB", "translator RSS with open streams MB", "0.0"));
        report.AppendLine(Row("translator peak RSS while opening and holding them MB", "translator peak RSS opening and holding streams MB", "0.0"));
        report.AppendLine(Row("of which anonymous (heaps, stacks, JIT code) MB", "translator RssAnon with open streams MB", "0.0"));
        report.AppendLine(Row("of which mapped files (runtime and assemblies) MB", "translator RssFile with open streams MB", "0.0"));
        report.AppendLine(Row("of which shared memory (the runtime's double-mapped code heap) MB", "translator RssShmem with open streams MB", "0.0"));
        return report.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static double ReadRssMegabytes(Process process, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// Resets the process's peak RSS (VmHWM) so that it measures from now on (Linux 4.0+; needs the
    /// right to write the process's clear_refs, which its owner has).
    /// </summary>
    private static bool ResetPeakRss(Process process)
    {
        try
        {
            File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Process StartProcess(string dll, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{Path.GetFileNameWithoutExtension(dll)}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient http, string url, bool post = false)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = post ? await http.PostAsync(url, new StringContent(DirectBody, Encoding.UTF8, "application/json")) : await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not come up.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

    private static string? StringArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
