using System.Diagnostics;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// The translator as it ships, started as a process: the JIT-compiled Translator.Api.dll beside the
/// tests, or the published Native AOT binary when <see cref="ExecutableVariable"/> names it (.ci/run
/// runs the tests marked <see cref="Category"/> a second time so), where a trimming mistake shows.
/// </summary>
public sealed class BuiltTranslator : IAsyncDisposable
{
    /// <summary>The path of the executable to start instead of <c>dotnet Translator.Api.dll</c>.</summary>
    public const string ExecutableVariable = "TRANSLATOR_EXECUTABLE";

    /// <summary>The trait of the tests that start the built app (<c>--filter Category=BuiltApp</c>).</summary>
    public const string Category = "BuiltApp";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly LockedCollection<string> _output;
    private int _disposed;

    private BuiltTranslator(Process process, LockedCollection<string> output, string baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    /// <summary>The address the app said it listens on.</summary>
    public string BaseUrl { get; }

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output => string.Join("\n", _output.Snapshot());

    /// <summary>A call to the app whose failure also shows what the app wrote (a trimmed-away type shows there).</summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.GetType().Name}: {e.Message}\nThe app wrote:\n{Output}", e);
        }
    }

    /// <summary>How the built app is started with these arguments, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable);
        var start = string.IsNullOrEmpty(executable)
            ? new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Translator.Api.dll"), .. arguments])
            : new ProcessStartInfo(executable, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }

    /// <summary>Starts the app on a free loopback port and waits until it listens.</summary>
    public static async Task<BuiltTranslator> StartAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = StartInfo("--urls", "http://127.0.0.1:0");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        var process = Process.Start(start)!;
        var output = new LockedCollection<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Add(line);
                if (line.Contains("Now listening on: ", StringComparison.Ordinal))
                {
                    listening.TrySetResult(line[line.IndexOf("http", StringComparison.Ordinal)..].Trim());
                }
            }
        };
        process.ErrorDataReceived += (_, e) => output.Add(e.Data ?? string.Empty);
        process.Exited += (_, _) => listening.TrySetException(new Xunit.Sdk.XunitException("The app exited before it listened:\n" + string.Join("\n", output.Snapshot())));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new BuiltTranslator(process, output, await listening.Task.WaitAsync(StartLimit));
        }
        catch
        {
            await new BuiltTranslator(process, output, "").DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the app until it exits by itself (a start it refuses), with its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(string urls, params (string Name, string Value)[] environment)
    {
        var start = StartInfo("--urls", urls);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Stops the app; a second call does nothing (a test may stop it to read all it wrote).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
