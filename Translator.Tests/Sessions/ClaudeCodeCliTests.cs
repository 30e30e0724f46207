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

        using var cli = new ClaudeCodeCli();
        var (exitCode, output) = await cli.RunAsync(app.BaseUrl, "Search the web for the Aspire 13.6 release notes and tell me what you found.", "ToolSearch,WebSearch");

        Assert.True(exitCode == 0, output);
        var result = ClaudeCodeCli.Result(output);
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

        // A retried 503 or 529 kept Claude Code at it for minutes (and past the run's limit).
        using var cli = new ClaudeCodeCli();
        var (_, output) = await cli.RunAsync(app.BaseUrl, "Hello", "ToolSearch,WebSearch");

        var result = ClaudeCodeCli.Result(output);
        Assert.True(result.GetProperty("is_error").GetBoolean(), output);
        Assert.Contains("no usable Codex login", result.GetProperty("result").GetString());
        Assert.Contains("--codex-device-login", result.GetProperty("result").GetString());
        Assert.Single(upstream.Requests);
    }
}

/// <summary>The Claude Code CLI tests, run with no other test beside them.</summary>
[CollectionDefinition(nameof(ClaudeCodeCliTests), DisableParallelization = true)]
public sealed class ClaudeCodeCliCollection;
