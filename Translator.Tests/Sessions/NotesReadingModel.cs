using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Sessions;

/// <summary>
/// The model's side of a Claude Code session that reads a file with its Read tool and answers with
/// what the file says, played on either backend: Codex (translated, Chat or Responses) or Claude
/// (CLIProxyAPI's Anthropic endpoint). Each turn's answer is chosen from what the request holds.
/// </summary>
public sealed class NotesReadingModel(string notesPath)
{
    public const string FileName = "notes.txt";
    public const string SecretWord = "aubergine";
    public const string FileText = "The secret word is " + SecretWord + ".";

    /// <summary>What the model did, turn by turn: <c>codex: reads the notes</c>, <c>claude: answers</c>.</summary>
    public List<string> Turns { get; } = [];

    /// <summary>Codex's side: a translated call, in whichever protocol it arrived.</summary>
    public UpstreamReply AnswerAsCodex(JsonElement request)
    {
        var dialect = request.TryGetProperty("input", out _) ? UpstreamDialect.Responses : UpstreamDialect.Chat;
        var stream = request.TryGetProperty("stream", out var s) && s.GetBoolean();
        var (turn, answer) = Decide(request, ToolNames(request, t => (t.TryGetProperty("function", out var f) ? f : t).TryGetProperty("name", out var n) ? n.GetString() : null)) switch
        {
            Turn.Side => ("side request", new Answer("Notes")),
            Turn.Read => ("reads the notes", new Answer(null, ToolCalls: [new ToolCallAnswer("call_read1", "Read", ReadInput())])),
            _ => ("answers", new Answer(FileText)),
        };
        Record("codex: " + turn);
        return stream ? dialect.Stream(answer) : dialect.Complete(answer);
    }

    /// <summary>Claude's side: the request as the client sent it, to CLIProxyAPI's <c>/v1/messages</c>.</summary>
    public UpstreamReply AnswerAsClaude(JsonElement request)
    {
        var model = request.GetProperty("model").GetString()!;
        var stream = request.TryGetProperty("stream", out var s) && s.GetBoolean();
        var turn = Decide(request, ToolNames(request, t => t.TryGetProperty("name", out var n) ? n.GetString() : null));
        Record("claude: " + turn switch { Turn.Side => "side request", Turn.Read => "reads the notes", _ => "answers" });
        return turn switch
        {
            Turn.Side => ClaudeReplies.Text(model, stream, "Notes"),
            Turn.Read => ClaudeReplies.ToolUse(model, stream, "I'll read the notes.", "toolu_01ReadNotes", "Read", ReadInput()),
            _ => ClaudeReplies.Text(model, stream, FileText),
        };
    }

    private enum Turn
    {
        Side,
        Read,
        Answer,
    }

    /// <summary>
    /// A request without the Read tool is one of Claude Code's side requests (a title, a summary);
    /// the session's own turns read the file, then answer once its text came back as the tool's result.
    /// </summary>
    private static Turn Decide(JsonElement request, IEnumerable<string?> tools) =>
        !tools.Contains("Read") ? Turn.Side
        : request.GetRawText().Contains(SecretWord, StringComparison.Ordinal) ? Turn.Answer
        : Turn.Read;

    private static IEnumerable<string?> ToolNames(JsonElement request, Func<JsonElement, string?> name) =>
        request.TryGetProperty("tools", out var tools) ? tools.EnumerateArray().Select(name) : [];

    private string ReadInput() => new JsonObject { ["file_path"] = notesPath }.ToJsonString();

    private void Record(string turn)
    {
        lock (Turns)
        {
            Turns.Add(turn);
        }
    }
}
