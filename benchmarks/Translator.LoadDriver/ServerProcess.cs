using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// A server the driver runs as a process of its own on a free 127.0.0.1 port: the fast upstream or
/// the built translator. Its stderr is echoed with its name; disposing it kills it.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The process id, for <see cref="ProcSampler"/>.</summary>
    public int Id => _process.Id;

    /// <summary>The fast scripted upstream (<see cref="FastUpstream"/>), this same program started with <c>upstream</c>.</summary>
    public static ServerProcess StartUpstream()
    {
        var url = LoopbackUrl();
        return Start("Translator.LoadDriver.dll", ["upstream", "--urls", url], new Dictionary<string, string>(), url);
    }

    /// <summary>The real translator calling <paramref name="upstream"/> in <paramref name="wire"/>'s protocol.</summary>
    public static ServerProcess StartTranslator(ServerProcess upstream, UpstreamWire wire, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var environment = new Dictionary<string, string>
        {
            ["Translator__Upstream__BaseUrl"] = upstream.Url + "/v1",
            ["Translator__Upstream__Protocol"] = wire.Protocol,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extraEnvironment)
        {
            environment[key] = value;
        }

        var url = LoopbackUrl();
        return Start("Translator.Api.dll", ["--urls", url], environment, url);
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
    }

    private static ServerProcess Start(string dll, string[] args, Dictionary<string, string> environment, string url)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, dll), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var name = Path.GetFileNameWithoutExtension(dll);
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
        return new ServerProcess(process, url);
    }

    private static string LoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
