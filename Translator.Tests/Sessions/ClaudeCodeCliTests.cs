using System.Diagnostics;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Sessions;

/// <summary>
/// The real Claude Code CLI (the version the fixtures were recorded from) in a whole session through
/// the translator, against the strict scripted upstream playing the model: it loads WebSearch
/// through ToolSearch, searches, and answers with the search's content, on both protocols; and it
/// stops at once, saying how to log in, when CLIProxyAPI has no usable Codex login.
/// </summary>
/// <remarks>
/// The CLI is a large native program: these tests run alone (their collection is not parallelized),
/// so that its start does not slow the timing-bound tests beside it on a two-core machine.
/// <c>./test.sh</c> installs the CLI from npm and sets <c>CLAUDE_CODE_CLI</c>; elsewhere install it
/// as that script does, or point the variable at a <c>claude</c> of version 2.1.332.
/// </remarks>
[Collection(nameof(ClaudeCodeCliTests))]
public sealed class ClaudeCodeCliTests
{
    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_claude_code_session_loads_websearch_through_toolsearch_searches_and_answers_with_what_it_found(string protocol)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        var model = new ScriptedModel();
        upstream.Responder = model.Answer;
        // The translator as it ships (Translator:Upstream:AlwaysStream on), not the suite's default.
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?> { ["Translator:Upstream:Protocol"] = protocol, ["Translator:Upstream:AlwaysStream"] = "true" });

        var (exitCode, output) = await RunClaudeAsync(app.BaseUrl, "Search the web for the Aspire 13.6 release notes and tell me what you found.");

        Assert.True(exitCode == 0, output);
        var result = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
        Assert.False(result.GetProperty("is_error").GetBoolean(), output);
        Assert.Contains(ScriptedModel.FoundUrl, result.GetProperty("result").GetString());
        Assert.Contains(ScriptedModel.FoundText, result.GetProperty("result").GetString());
        var turns = string.Join(", ", model.Turns);
        Assert.Contains("calls ToolSearch", model.Turns);
        Assert.Contains("calls WebSearch", model.Turns);
        Assert.Contains("hosted web search", model.Turns);
        Assert.True(model.Turns.IndexOf("calls ToolSearch") < model.Turns.IndexOf("calls WebSearch") && model.Turns.IndexOf("hosted web search") < model.Turns.LastIndexOf("answers from the search"), turns);
        upstream.AssertNoViolations();
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task Claude_code_stops_at_once_and_says_how_to_log_in_when_cliproxyapi_has_no_usable_codex_login(string protocol)
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        // CLIProxyAPI's answer while it has no Codex login to pick (sdk/api/handlers/handlers_errors.go).
        upstream.Responder = _ => UpstreamReply.Json(
            """{"error":{"message":"auth_unavailable: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}""", 503);
        await using var app = new TranslatorApp(upstream.BaseUrl, new Dictionary<string, string?> { ["Translator:Upstream:Protocol"] = protocol });

        // A retried 503 or 529 kept Claude Code at it for minutes (and past RunClaudeAsync's limit).
        var (_, output) = await RunClaudeAsync(app.BaseUrl, "Hello");

        var result = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
        Assert.True(result.GetProperty("is_error").GetBoolean(), output);
        Assert.Contains("no usable Codex login", result.GetProperty("result").GetString());
        Assert.Contains("--codex-device-login", result.GetProperty("result").GetString());
        Assert.Single(upstream.Requests);
    }

    private static async Task<(int ExitCode, string Output)> RunClaudeAsync(string baseUrl, string prompt)
    {
        var home = Directory.CreateTempSubdirectory("claude-home-");
        try
        {
            var start = new ProcessStartInfo(Cli(), ["-p", prompt, "--output-format", "json", "--allowedTools", "ToolSearch,WebSearch", "--model", "claude-opus-5-5"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = home.FullName,
                Environment =
                {
                    ["HOME"] = home.FullName,
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
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>The CLI: <c>CLAUDE_CODE_CLI</c>, else where <c>./test.sh</c> installs it.</summary>
    private static string Cli()
    {
        if (Environment.GetEnvironmentVariable("CLAUDE_CODE_CLI") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var installed = Path.Combine(directory.FullName, ".tools", "claude-code", "node_modules", ".bin", "claude");
            if (File.Exists(installed))
            {
                return installed;
            }
        }

        throw new FileNotFoundException("Claude Code is not installed: run ./test.sh, which installs it, or `npm install --prefix .tools/claude-code @anthropic-ai/claude-code@2.1.332`, or set CLAUDE_CODE_CLI.");
    }
}

/// <summary>The Claude Code CLI tests, run with no other test beside them.</summary>
[CollectionDefinition(nameof(ClaudeCodeCliTests), DisableParallelization = true)]
public sealed class ClaudeCodeCliCollection;
