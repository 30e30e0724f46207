using System.Diagnostics;
using System.Text.Json;

namespace Translator.Tests.Sessions;

/// <summary>
/// The real Claude Code CLI, run as <c>claude -p</c> against a translator, in a home and working
/// folder of its own (kept across the sessions of one test, deleted with this object).
/// </summary>
/// <remarks>
/// <c>./test.sh</c> installs the CLI from npm and sets <c>CLAUDE_CODE_CLI</c>; elsewhere install it
/// as that script does, or point the variable at a <c>claude</c> of version 2.1.332.
/// </remarks>
internal sealed class ClaudeCodeCli : IDisposable
{
    /// <summary>The CLI's home and working folder.</summary>
    public DirectoryInfo Home { get; } = Directory.CreateTempSubdirectory("claude-home-");

    /// <summary>One non-interactive session: its exit code, and its JSON output with whatever it wrote to stderr.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string baseUrl, string prompt, string allowedTools, string model = "claude-opus-5-5")
    {
        var start = new ProcessStartInfo(Path(), ["-p", prompt, "--output-format", "json", "--allowedTools", allowedTools, "--model", model])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Home.FullName,
            Environment =
            {
                ["HOME"] = Home.FullName,
                ["ANTHROPIC_BASE_URL"] = baseUrl,
                ["ANTHROPIC_API_KEY"] = "sk-ant-test-key",
                ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
                ["DISABLE_AUTOUPDATER"] = "1",
            },
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"claude did not finish within 3 minutes: {await stdout} {await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The session's result object in the CLI's JSON output.</summary>
    public static JsonElement Result(string output) => JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;

    public void Dispose() => Home.Delete(recursive: true);

    /// <summary>The CLI: <c>CLAUDE_CODE_CLI</c>, else where <c>./test.sh</c> installs it.</summary>
    private static string Path()
    {
        if (Environment.GetEnvironmentVariable("CLAUDE_CODE_CLI") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var installed = System.IO.Path.Combine(directory.FullName, ".tools", "claude-code", "node_modules", ".bin", "claude");
            if (File.Exists(installed))
            {
                return installed;
            }
        }

        throw new FileNotFoundException("Claude Code is not installed: run ./test.sh, which installs it, or `npm install --prefix .tools/claude-code @anthropic-ai/claude-code@2.1.332`, or set CLAUDE_CODE_CLI.");
    }
}
