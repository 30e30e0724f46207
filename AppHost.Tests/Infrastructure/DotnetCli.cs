using System.Diagnostics;

namespace AppHost.Tests.Infrastructure;

/// <summary>The .NET CLI run as a user would run it, for what it writes (a manifest, evaluated properties).</summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with these arguments and returns its stdout; a non-zero exit fails the test with both outputs.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
