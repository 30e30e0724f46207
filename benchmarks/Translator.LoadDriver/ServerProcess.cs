using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// A server the driver runs as a process of its own on a free 127.0.0.1 port: the fast upstream,
/// a build of the translator or nginx. Its stderr is echoed with its name; disposing it kills it
/// (and its children: nginx's workers).
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Action? _afterExit;

    private ServerProcess(Process process, string url, long startedAt, Action? afterExit)
    {
        _process = process;
        Url = url;
        StartedAt = startedAt;
        _afterExit = afterExit;
    }

    public string Url { get; }

    /// <summary>The process id, for <see cref="ProcSampler"/>.</summary>
    public int Id => _process.Id;

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    public long StartedAt { get; }

    /// <summary>User and system time of the process and its children (nginx's workers), in ms.</summary>
    public double CpuMilliseconds() => ProcSampler.CpuMillisecondsOfTree(Id);

    /// <summary>The fast scripted upstream (<see cref="FastUpstream"/>), this same program started with <c>upstream</c>.</summary>
    public static ServerProcess StartUpstream()
    {
        var url = LoopbackUrl();
        return Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Translator.LoadDriver.dll"), "upstream", "--urls", url], new Dictionary<string, string>(), url, "Translator.LoadDriver");
    }

    /// <summary><paramref name="build"/> of the translator calling <paramref name="upstream"/> in <paramref name="wire"/>'s protocol.</summary>
    public static ServerProcess StartTranslator(ServerProcess upstream, UpstreamWire wire, TranslatorBuild build, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var environment = new Dictionary<string, string>
        {
            ["Translator__Upstream__BaseUrl"] = upstream.Url + "/v1",
            ["Translator__Upstream__Protocol"] = wire.Protocol,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extraEnvironment.Concat(build.Environment))
        {
            environment[key] = value;
        }

        var url = LoopbackUrl();
        return build.IsNative
            ? Start(build.Path, ["--urls", url], environment, url, $"Translator.Api {build.Name}", Path.GetDirectoryName(build.Path))
            : Start("dotnet", [build.Path, "--urls", url], environment, url, $"Translator.Api {build.Name}", Path.GetDirectoryName(build.Path));
    }

    /// <summary>
    /// nginx as a plain proxy in front of <paramref name="upstream"/> (<see cref="NginxConfig"/>), or
    /// null when nginx is not installed. Its configuration, logs and pid file live in a temporary
    /// folder, removed when it is disposed.
    /// </summary>
    public static ServerProcess? StartNginx(ServerProcess upstream)
    {
        var nginx = NginxConfig.FindNginx();
        if (nginx is null)
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("loaddriver-nginx-").FullName;
        var url = LoopbackUrl();
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, NginxConfig.Render(folder, new Uri(url).Port, new Uri(upstream.Url).Port));
        return Start(nginx, ["-p", folder + "/", "-c", config, "-e", Path.Combine(folder, "error.log")], new Dictionary<string, string>(), url, "nginx", folder, () => Directory.Delete(folder, recursive: true));
    }

    /// <summary>Polls <paramref name="path"/> (GET, or POST with a JSON body) until it answers 2xx.</summary>
    public async Task WaitUntilUpAsync(HttpClient http, string path, string? postBody = null)
    {
        var url = Url + path;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = postBody is null ? await http.GetAsync(url) : await http.PostAsync(url, new StringContent(postBody, Encoding.UTF8, "application/json"));
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

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _afterExit?.Invoke();
    }

    private static ServerProcess Start(string fileName, string[] args, Dictionary<string, string> environment, string url, string name, string? workingDirectory = null, Action? afterExit = null)
    {
        // Each build runs in its own folder, so it reads the appsettings.json published with it.
        var start = new ProcessStartInfo(fileName, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{name}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, url, startedAt, afterExit);
    }

    private static string LoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
