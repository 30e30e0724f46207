namespace Translator.LoadDriver;

/// <summary>Reads a server process's CPU time, memory and open descriptors from /proc (Linux).</summary>
internal static class ProcSampler
{
    /// <summary>User and system time of a process, from /proc (clock ticks: 10 ms steps, fine over seconds of load).</summary>
    public static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return ticks * 1000.0 / 100;
    }

    /// <summary>
    /// <see cref="CpuMilliseconds"/> of a process and its children, recursively (nginx's workers
    /// do its work; a .NET server has none). A child that exits meanwhile is not counted.
    /// </summary>
    public static double CpuMillisecondsOfTree(int pid)
    {
        var total = 0.0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var next))
        {
            try
            {
                total += CpuMilliseconds(next);
                foreach (var task in Directory.EnumerateDirectories($"/proc/{next}/task"))
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        pending.Push(int.Parse(child));
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return total;
    }

    /// <summary>The resident set and its parts, in one read of /proc/PID/status.</summary>
    public static MemorySample Memory(int pid)
    {
        double rss = double.NaN, peak = double.NaN, anonymous = double.NaN, files = double.NaN, shared = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            // "VmRSS:	  123456 kB"
            if (line.Split(':', 2) is not [var field, var value] || !value.EndsWith(" kB", StringComparison.Ordinal))
            {
                continue;
            }

            var megabytes = long.Parse(value.AsSpan().Trim()[..^3]) / 1024.0;
            switch (field)
            {
                case "VmRSS":
                    rss = megabytes;
                    break;
                case "VmHWM":
                    peak = megabytes;
                    break;
                case "RssAnon":
                    anonymous = megabytes;
                    break;
                case "RssFile":
                    files = megabytes;
                    break;
                case "RssShmem":
                    shared = megabytes;
                    break;
            }
        }

        return new MemorySample(rss, peak, anonymous, files, shared);
    }

    /// <summary>
    /// Resets the process's peak RSS (VmHWM) so that it measures from now on (Linux 4.0+; needs the
    /// right to write the process's clear_refs, which its owner has).
    /// </summary>
    public static bool ResetPeakRss(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static int OpenDescriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;
}
