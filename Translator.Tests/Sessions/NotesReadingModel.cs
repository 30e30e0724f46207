using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Sessions;

/// <summary>
/// The model's side of a Claude Code session that has a haiku subagent read a file and answers
/// with what the file says, played on either backend: Codex (translated, Chat or Responses) or
/// Claude (CLIProxyAPI's Anthropic endpoint). The main conversation calls the Agent tool (model
/// haiku); the subagent, whose conversation opens with <see cref="SubagentPrompt"/>, calls Read,
/// then reports; each answers once the file's text is in its conversation. Each turn's answer is
/// chosen from what the request holds.
/// </summary>
public sealed class NotesReadingModel(string notesPath)
{
    public const string FileName = "notes.txt";
    public const string SecretWord = "aubergine";
    public const string FileText = "The secret word is " + SecretWord + ".";
    public const string SubagentPrompt = "Read " + FileName + " and report the sentence it holds.";

    /// <summary>What the model did, turn by turn: <c>codex: reads the notes</c>, <c>claude: answers</c>.</summary>
    public List<string> Turns { get; } = [];

    /// <summary>Codex's side: a translated call, in whichever protocol it arrived.</summary>
    public UpstreamReply AnswerAsCodex(JsonElement request)
    {
        var dialect = request.TryGetProperty("input", out _) ? UpstreamDialect.Responses : UpstreamDialect.Chat;
        var stream = request.TryGetProperty("stream", out var s) && s.GetBoolean();
        var turn = Decide(request, ToolNames(request, t => (t.TryGetProperty("function", out var f) ? f : t).TryGetProperty("name", out var n) ? n.GetString() : null));
        Record("codex: " + turn);
        var answer = turn switch
        {
            Turn.AsksSubagent => new Answer(null, ToolCalls: [new ToolCallAnswer("call_agent1", "Agent", AgentInput())]),
            Turn.ReadsNotes => new Answer(null, ToolCalls: [new ToolCallAnswer("call_read1", "Read", ReadInput())]),
            Turn.Answers => new Answer(FileText),
            _ => new Answer("Notes"),
        };
        return stream ? dialect.Stream(answer) : dialect.Complete(answer);
    }

    /// <summary>Claude's side: the request as the client sent it, to CLIProxyAPI's <c>/v1/messages</c>.</summary>
    public UpstreamReply AnswerAsClaude(JsonElement request)
    {
        var model = request.GetProperty("model").GetString()!;
        var stream = request.TryGetProperty("stream", out var s) && s.GetBoolean();
        var turn = Decide(request, ToolNames(request, t => t.TryGetProperty("name", out var n) ? n.GetString() : null));
        Record("claude: " + turn);
        return turn switch
        {
            Turn.AsksSubagent => ClaudeReplies.ToolUse(model, stream, "I'll have a subagent read the notes.", "toolu_01AskSubagent", "Agent", AgentInput()),
            Turn.ReadsNotes => ClaudeReplies.ToolUse(model, stream, "I'll read the notes.", "toolu_01ReadNotes", "Read", ReadInput()),
            Turn.Answers => ClaudeReplies.Text(model, stream, FileText),
            _ => ClaudeReplies.Text(model, stream, "Notes"),
        };
    }

    /// <summary>The turns, named as <see cref="Turns"/> records them.</summary>
    public static class Turn
    {
        public const string AsksSubagent = "asks a subagent";
        public const string ReadsNotes = "reads the notes";
        public const string Answers = "answers";
        public const string Side = "side request";
    }

    /// <summary>
    /// Once the file's text is in a conversation, it is answered; a conversation that opens with the
    /// subagent's prompt reads the file; the main one asks the subagent; a request with neither tool
    /// is one of Claude Code's side requests (a title, a summary).
    /// </summary>
    private static string Decide(JsonElement request, IEnumerable<string?> tools)
    {
        var text = request.GetRawText();
        var names = tools.ToHashSet();
        return text.Contains(SecretWord, StringComparison.Ordinal) ? Turn.Answers
            : names.Contains("Read") && text.Contains(SubagentPrompt, StringComparison.Ordinal) ? Turn.ReadsNotes
            : names.Contains("Agent") ? Turn.AsksSubagent
            : Turn.Side;
    }

    private static IEnumerable<string?> ToolNames(JsonElement request, Func<JsonElement, string?> name) =>
        request.TryGetProperty("tools", out var tools) ? tools.EnumerateArray().Select(name) : [];

    private static string AgentInput() => new JsonObject
    {
        ["description"] = "Read the notes",
        ["prompt"] = SubagentPrompt,
        ["subagent_type"] = "general-purpose",
        ["model"] = "haiku",
        ["run_in_background"] = false,
    }.ToJsonString();

    private string ReadInput() => new JsonObject { ["file_path"] = notesPath }.ToJsonString();

    private void Record(string turn)
    {
        lock (Turns)
        {
            Turns.Add(turn);
        }
    }
}
