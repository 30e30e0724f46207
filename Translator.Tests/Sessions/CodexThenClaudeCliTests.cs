using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Sessions;

/// <summary>
/// The real Claude Code CLI, configured "Codex first, Claude as backup" for every Claude name,
/// while Codex is out of quota: the whole session (the main conversation, opus, asks a haiku
/// subagent to read a file; each calls a tool, then answers) is served by Claude through
/// CLIProxyAPI's Anthropic endpoint without an error reaching the agent, Codex asked once; after
/// the reset (a fake clock moved on) the next session is served by Codex again.
/// </summary>
[Collection(nameof(ClaudeCodeCliTests))]
public sealed class CodexThenClaudeCliTests
{
    private const string Prompt = "Have a haiku subagent read " + NotesReadingModel.FileName + ", then tell me the secret word it holds.";

    private static readonly TimeSpan ResetsIn = TimeSpan.FromHours(3);

    private static readonly string[] SessionTurns = [NotesReadingModel.Turn.AsksSubagent, NotesReadingModel.Turn.ReadsNotes, NotesReadingModel.Turn.Answers, NotesReadingModel.Turn.Answers];

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_claude_code_session_continues_on_claude_while_codex_is_out_of_quota_and_the_next_goes_back_to_codex_after_the_reset(string protocol)
    {
        var clock = new WatchedClock();
        using var cli = new ClaudeCodeCli();
        var notes = Path.Combine(cli.Home.FullName, NotesReadingModel.FileName);
        await File.WriteAllTextAsync(notes, NotesReadingModel.FileText);
        var model = new NotesReadingModel(notes);
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Responder = _ => UpstreamReply.CodexQuotaExhausted(clock.GetUtcNow(), ResetsIn);
        upstream.AnthropicResponder = model.AnswerAsClaude;
        await using var app = new TranslatorApp(
            upstream.BaseUrl,
            new Dictionary<string, string?>
            {
                ["Translator:Upstream:Protocol"] = protocol,
                ["Translator:Upstream:AlwaysStream"] = "true",
                ["Translator:Models:Families:opus"] = "gpt-5.5,claude",
                ["Translator:Models:Families:sonnet"] = "gpt-5.5,claude",
                ["Translator:Models:Families:haiku"] = "gpt-5.5,claude",
                ["Translator:Models:Default"] = "gpt-5.5,claude",
            },
            services => services.AddSingleton<TimeProvider>(clock));

        var (exitCode, output) = await cli.RunAsync(app.BaseUrl, Prompt, "Read,Agent");

        AssertAnswered(exitCode, output);
        Assert.Equal(SessionTurns.Select(t => "claude: " + t), model.Turns.Where(t => !t.EndsWith(NotesReadingModel.Turn.Side, StringComparison.Ordinal)));
        Assert.All(model.Turns, turn => Assert.StartsWith("claude: ", turn, StringComparison.Ordinal));
        var claudeModels = upstream.AnthropicRequests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("model").GetString()!).ToList();
        Assert.Equal(model.Turns.Count, claudeModels.Count);
        Assert.Contains(claudeModels, m => m.Contains("opus", StringComparison.Ordinal));
        Assert.Contains(claudeModels, m => m.Contains("haiku", StringComparison.Ordinal));
        Assert.All(upstream.AnthropicRequests, r => Assert.StartsWith("/v1/messages", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Single(upstream.Requests);

        // The reset: the next session goes to Codex, and Claude is not asked.
        clock.Advance(ResetsIn);
        upstream.Responder = model.AnswerAsCodex;
        var claudeCalls = upstream.AnthropicRequests.Count;
        model.Turns.Clear();

        (exitCode, output) = await cli.RunAsync(app.BaseUrl, Prompt, "Read,Agent");

        AssertAnswered(exitCode, output);
        Assert.Equal(SessionTurns.Select(t => "codex: " + t), model.Turns.Where(t => !t.EndsWith(NotesReadingModel.Turn.Side, StringComparison.Ordinal)));
        Assert.All(model.Turns, turn => Assert.StartsWith("codex: ", turn, StringComparison.Ordinal));
        Assert.Equal(1 + model.Turns.Count, upstream.Requests.Count);
        Assert.Equal(claudeCalls, upstream.AnthropicRequests.Count);
        upstream.AssertNoViolations();
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    /// <summary>The session ended well, and its answer is the file's secret: no error reached the agent.</summary>
    private static void AssertAnswered(int exitCode, string output)
    {
        Assert.True(exitCode == 0, output);
        var result = ClaudeCodeCli.Result(output);
        Assert.False(result.GetProperty("is_error").GetBoolean(), output);
        Assert.Contains(NotesReadingModel.SecretWord, result.GetProperty("result").GetString());
    }
}
