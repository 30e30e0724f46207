using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Translator.Tests.Sessions;

/// <summary>The requests a Claude Code session sends, and readings of what went upstream, for the session tests.</summary>
internal static partial class SessionRequests
{
    internal static string Bool(bool value) => value ? "true" : "false";

    internal static string Result(int i) => $"Result {i}: " + string.Concat(Enumerable.Repeat($"line {i} of a long tool output. ", 20));

    /// <summary>A conversation of <paramref name="uses"/> tool calls and their results.</summary>
    internal static string ToolLoop(int uses, bool stream, string extra, int excludedAt = -1)
    {
        var messages = new StringBuilder("""{"role":"user","content":"Go"}""");
        for (var i = 0; i < uses; i++)
        {
            var name = i == excludedAt ? "Keep" : "Read";
            messages.Append($$$""",{"role":"assistant","content":[{"type":"tool_use","id":"toolu_{{{i}}}","name":"{{{name}}}","input":{"i":{{{i}}}}}]}""");
            messages.Append($$$""",{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_{{{i}}}","content":{{{JsonSerializer.Serialize(Result(i))}}}}]}""");
        }

        return $$$"""
            {"model":"claude-sonnet-4-5","max_tokens":100,"stream":{{{Bool(stream)}}},{{{extra}}}
             "tools":[{"name":"Read","input_schema":{"type":"object"}},{"name":"Keep","input_schema":{"type":"object"}}],
             "messages":[{{{messages}}}]}
            """;
    }

    internal static IEnumerable<string> ToolNames(JsonElement sent) =>
        sent.GetProperty("tools").EnumerateArray().Select(t => (t.TryGetProperty("function", out var f) ? f : t).GetProperty("name").GetString()!);

    /// <summary>The output of a tool call as sent upstream, in either protocol.</summary>
    internal static string? FunctionOutput(JsonElement sent, string callId)
    {
        if (sent.TryGetProperty("messages", out var messages))
        {
            return messages.EnumerateArray().FirstOrDefault(m => m.TryGetProperty("tool_call_id", out var id) && id.GetString() == callId) is { ValueKind: JsonValueKind.Object } message
                ? message.GetProperty("content").GetString()
                : null;
        }

        return sent.GetProperty("input").EnumerateArray().FirstOrDefault(i => i.GetProperty("type").GetString() == "function_call_output" && i.GetProperty("call_id").GetString() == callId) is { ValueKind: JsonValueKind.Object } item
            ? item.GetProperty("output").GetString()
            : null;
    }

    /// <summary>Claude Code's own reading of the message (its regex), to decide how much to compact.</summary>
    internal static void AssertClaudeCodeReads(string message, long tokens, long maximum)
    {
        var match = ClaudeCodePromptTooLong().Match(message);
        Assert.True(match.Success, message);
        Assert.Equal(tokens, long.Parse(match.Groups[1].Value));
        Assert.Equal(maximum, long.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"prompt is too long[^0-9]*(\d+)\s*tokens?\s*>\s*(\d+)", RegexOptions.IgnoreCase)]
    internal static partial Regex ClaudeCodePromptTooLong();
}
