using System.Text.Json;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// The model's side of a whole Claude Code session, played by the scripted upstream: each turn's
/// answer is chosen from what the request holds, in whichever protocol it arrived, streamed or not.
/// It loads WebSearch through ToolSearch, calls it, answers WebSearch's own request with a hosted
/// search, and finally answers with what the search found.
/// </summary>
public sealed class ScriptedModel
{
    public const string Query = "aspire 13.6 release notes";
    public const string FoundUrl = "https://learn.example.com/aspire/whats-new-13-6";
    public const string FoundText = "Aspire 13.6 brings a new resource graph to the dashboard.";

    /// <summary>What the model did, turn by turn, for the test to read.</summary>
    public List<string> Turns { get; } = [];

    public UpstreamReply Answer(JsonElement request)
    {
        var responses = request.TryGetProperty("input", out _);
        var stream = request.TryGetProperty("stream", out var s) && s.GetBoolean();
        var text = request.GetRawText();
        var tools = request.TryGetProperty("tools", out var t) ? t.EnumerateArray().ToList() : [];

        string turn;
        UpstreamReply reply;
        if (tools.Any(tool => tool.GetProperty("type").GetString() == "web_search"))
        {
            turn = "hosted web search";
            List<ResponsesReplies.Item> items =
            [
                new ResponsesReplies.WebSearchCall("ws_e2e", Query, [FoundUrl]),
                new ResponsesReplies.Message(FoundText, [new ResponsesReplies.Citation(0, FoundText.Length, FoundUrl, "What's new in Aspire 13.6")]),
            ];
            reply = stream ? ResponsesReplies.Stream(items) : UpstreamReply.Json(ResponsesReplies.Complete(items));
        }
        else if (!HasTool(tools, "ToolSearch") && !HasTool(tools, "WebSearch"))
        {
            // Claude Code's side requests (titles, summaries): a short answer.
            turn = "side request";
            reply = Text(responses, stream, "Aspire release notes");
        }
        else if (!HasTool(tools, "WebSearch"))
        {
            turn = "calls ToolSearch";
            reply = Call(responses, stream, "call_ts1", "ToolSearch", """{"query":"select:WebSearch","max_results":1}""");
        }
        else if (!text.Contains(FoundUrl, StringComparison.Ordinal))
        {
            turn = "calls WebSearch";
            reply = Call(responses, stream, "call_ws1", "WebSearch", $$"""{"query":"{{Query}}"}""");
        }
        else
        {
            turn = "answers from the search";
            reply = Text(responses, stream, $"The search found {FoundUrl}: {FoundText}");
        }

        lock (Turns)
        {
            Turns.Add(turn);
        }

        return reply;
    }

    private static bool HasTool(List<JsonElement> tools, string name) =>
        tools.Any(tool => (tool.TryGetProperty("function", out var f) ? f : tool).TryGetProperty("name", out var n) && n.GetString() == name);

    private static UpstreamReply Text(bool responses, bool stream, string text)
    {
        var answer = new Answer(text);
        var dialect = responses ? UpstreamDialect.Responses : UpstreamDialect.Chat;
        return stream ? dialect.Stream(answer) : dialect.Complete(answer);
    }

    private static UpstreamReply Call(bool responses, bool stream, string id, string name, string arguments)
    {
        var answer = new Answer(null, ToolCalls: [new ToolCallAnswer(id, name, arguments)]);
        var dialect = responses ? UpstreamDialect.Responses : UpstreamDialect.Chat;
        return stream ? dialect.Stream(answer) : dialect.Complete(answer);
    }
}
