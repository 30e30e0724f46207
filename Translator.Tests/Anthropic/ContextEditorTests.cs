using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Api.Anthropic;

namespace Translator.Tests.Anthropic;

/// <summary>
/// <c>context_management.edits</c> applied to what goes upstream, with Anthropic's semantics. A
/// text counts one token per character here, so that every cleared-token figure can be worked out
/// by hand; the placeholder (<see cref="ContextEditor.ClearedToolResult"/>) is 37 characters.
/// </summary>
public sealed class ContextEditorTests
{
    private static readonly long Placeholder = ContextEditor.ClearedToolResult.Length;

    [Fact]
    public void Clear_thinking_keeps_the_thinking_of_the_last_turns_asked_for()
    {
        var request = Request(
            """{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":2}}""",
            ThinkingTurn("first"), ThinkingTurn("second"), ThinkingTurn("third"));

        var (edited, applied) = Apply(request);

        Assert.Equal([false, true, true], ThinkingKept(edited));
        Assert.Equal(new AppliedClearThinking(ClearedThinkingTurns: 1, ClearedInputTokens: "first".Length), Assert.Single(applied));
        // The rest of a cleared turn stays.
        Assert.Equal(["text"], edited.Messages![1].Content!.Blocks!.Select(b => b.Type));
    }

    [Fact]
    public void Clear_thinking_keeps_one_turn_by_default_and_counts_redacted_thinking()
    {
        var request = Request(
            """{"type":"clear_thinking_20251015"}""",
            ThinkingTurn("abc"),
            """{"role":"assistant","content":[{"type":"redacted_thinking","data":"opaque"},{"type":"text","text":"ok"}]}""",
            ThinkingTurn("last"));

        var (edited, applied) = Apply(request);

        Assert.Equal([false, false, true], ThinkingKept(edited));
        Assert.Equal(new AppliedClearThinking(2, "abc".Length + "opaque".Length), Assert.Single(applied));
    }

    [Fact]
    public void Clear_thinking_with_keep_all_changes_nothing_and_reports_nothing()
    {
        var request = Request("""{"type":"clear_thinking_20251015","keep":"all"}""", ThinkingTurn("one"), ThinkingTurn("two"));

        var (edited, applied) = Apply(request);

        Assert.Same(request, edited);
        Assert.Empty(applied);
    }

    [Fact]
    public void Clear_tool_uses_waits_for_its_input_tokens_trigger()
    {
        var json = """{"type":"clear_tool_uses_20250919","trigger":{"type":"input_tokens","value":5000},"keep":{"type":"tool_uses","value":1}}""";
        var request = Request(json, ToolTurns(("Bash", Long('a')), ("Bash", Long('b'))));

        var (under, notApplied) = ContextEditor.Apply(request, _ => 5000, CountText);
        var (over, applied) = ContextEditor.Apply(request, _ => 5001, CountText);

        Assert.Same(request, under);
        Assert.Empty(notApplied);
        Assert.Equal([ContextEditor.ClearedToolResult, Long('b')], Results(over));
        Assert.Equal(new AppliedClearToolUses(1, Long('a').Length - Placeholder), Assert.Single(applied));
    }

    [Fact]
    public void Clear_tool_uses_by_default_waits_for_100000_input_tokens_and_keeps_three_uses()
    {
        var request = Request("""{"type":"clear_tool_uses_20250919"}""", ToolTurns([.. "abcde".Select(c => ("Bash", Long(c)))]));

        var (under, _) = ContextEditor.Apply(request, _ => 100_000, CountText);
        var (over, applied) = ContextEditor.Apply(request, _ => 100_001, CountText);

        Assert.Same(request, under);
        Assert.Equal([ContextEditor.ClearedToolResult, ContextEditor.ClearedToolResult, Long('c'), Long('d'), Long('e')], Results(over));
        Assert.Equal(2, Assert.IsType<AppliedClearToolUses>(Assert.Single(applied)).ClearedToolUses);
    }

    [Fact]
    public void Clear_tool_uses_waits_for_more_tool_uses_than_its_tool_uses_trigger()
    {
        var json = """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":3},"keep":{"type":"tool_uses","value":1}}""";
        var three = Request(json, ToolTurns(("Bash", Long('a')), ("Bash", Long('b')), ("Bash", Long('c'))));
        var four = Request(json, ToolTurns(("Bash", Long('a')), ("Bash", Long('b')), ("Bash", Long('c')), ("Bash", Long('d'))));

        Assert.Empty(Apply(three).Applied);
        Assert.Equal([ContextEditor.ClearedToolResult, ContextEditor.ClearedToolResult, ContextEditor.ClearedToolResult, Long('d')], Results(Apply(four).Request));
    }

    [Fact]
    public void Clear_tool_uses_clears_every_use_older_than_keep_however_small_its_result()
    {
        // Issue 21: results shorter than the placeholder made the cleared tokens negative, and the edit was skipped.
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":3},"keep":{"type":"tool_uses","value":1}}""",
            ToolTurns([.. "abcde".Select(c => ("Bash", c.ToString()))]));

        var (edited, applied) = Apply(request);

        Assert.Equal([.. Enumerable.Repeat(ContextEditor.ClearedToolResult, 4), "e"], Results(edited));
        Assert.Equal(new AppliedClearToolUses(ClearedToolUses: 4, ClearedInputTokens: 0), Assert.Single(applied));
    }

    [Fact]
    public void Clear_tool_uses_never_reports_negative_cleared_tokens()
    {
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":1},"keep":{"type":"tool_uses","value":1}}""",
            ToolTurns(("Bash", "x"), ("Bash", Long('a')), ("Bash", "y")));

        var (_, applied) = Apply(request);

        // The tiny result counts nothing, not less than nothing.
        Assert.Equal(new AppliedClearToolUses(2, Long('a').Length - Placeholder), Assert.Single(applied));
    }

    [Fact]
    public void Clear_tool_uses_with_clear_at_least_clears_the_oldest_until_it_is_reached()
    {
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":0},"keep":{"type":"tool_uses","value":0},"clear_at_least":{"type":"input_tokens","value":100}}""",
            ToolTurns(("Bash", Long('a')), ("Bash", Long('b')), ("Bash", Long('c'))));

        var (edited, applied) = Apply(request);

        // Each result frees 63 tokens: two reach 100, the third is kept.
        Assert.Equal([ContextEditor.ClearedToolResult, ContextEditor.ClearedToolResult, Long('c')], Results(edited));
        Assert.Equal(new AppliedClearToolUses(2, 2 * (Long('a').Length - Placeholder)), Assert.Single(applied));
    }

    [Fact]
    public void Clear_tool_uses_clears_nothing_when_clear_at_least_cannot_be_reached()
    {
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":0},"keep":{"type":"tool_uses","value":0},"clear_at_least":{"type":"input_tokens","value":1000}}""",
            ToolTurns(("Bash", Long('a')), ("Bash", Long('b'))));

        var (edited, applied) = Apply(request);

        Assert.Same(request, edited);
        Assert.Empty(applied);
    }

    [Fact]
    public void Clear_tool_uses_never_clears_an_excluded_tool()
    {
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":0},"keep":{"type":"tool_uses","value":1},"exclude_tools":["Read"]}""",
            ToolTurns(("Read", Long('a')), ("Bash", Long('b')), ("Bash", Long('c'))));

        var (edited, applied) = Apply(request);

        Assert.Equal([Long('a'), ContextEditor.ClearedToolResult, Long('c')], Results(edited));
        Assert.Equal(1, Assert.IsType<AppliedClearToolUses>(Assert.Single(applied)).ClearedToolUses);
    }

    [Fact]
    public void Clear_tool_inputs_empties_the_inputs_of_the_cleared_uses_of_the_tools_named()
    {
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":0},"keep":{"type":"tool_uses","value":1},"clear_tool_inputs":["Bash"]}""",
            ToolTurns(("Bash", Long('a')), ("Read", Long('b')), ("Bash", Long('c'))));

        var (edited, applied) = Apply(request);

        Assert.Equal(["{}", """{"n":1}""", """{"n":2}"""], Inputs(edited));
        var input = """{"n":0}""".Length;
        Assert.Equal(new AppliedClearToolUses(2, (2 * (Long('a').Length - Placeholder)) + input), Assert.Single(applied));
    }

    [Fact]
    public void Clear_tool_inputs_true_empties_the_inputs_of_every_cleared_use()
    {
        var request = Request(
            """{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":0},"keep":{"type":"tool_uses","value":1},"clear_tool_inputs":true}""",
            ToolTurns(("Bash", Long('a')), ("Read", Long('b')), ("Bash", Long('c'))));

        Assert.Equal(["{}", "{}", """{"n":2}"""], Inputs(Apply(request).Request));
    }

    [Fact]
    public void Both_edits_are_applied_and_reported_in_the_order_asked()
    {
        var request = Request(
            """{"type":"clear_thinking_20251015"},{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":0},"keep":{"type":"tool_uses","value":1}}""",
            [ThinkingTurn("old"), .. ToolTurns(("Bash", Long('a')), ("Bash", Long('b'))), ThinkingTurn("new")]);

        var (_, applied) = Apply(request);

        Assert.Equal([ContextEditor.ClearThinking, ContextEditor.ClearToolUses], applied.Select(a => a.Type));
    }

    [Fact]
    public void The_applied_edits_are_reported_in_anthropics_shape()
    {
        IReadOnlyList<AppliedContextEdit> applied = [new AppliedClearThinking(1, 12), new AppliedClearToolUses(2, 34)];

        var json = JsonSerializer.Serialize(new ContextManagementResponse { AppliedEdits = applied }, AnthropicJsonContext.Default.ContextManagementResponse);

        AssertJson(
            """{"applied_edits":[{"type":"clear_thinking_20251015","cleared_thinking_turns":1,"cleared_input_tokens":12},{"type":"clear_tool_uses_20250919","cleared_tool_uses":2,"cleared_input_tokens":34}]}""",
            json);
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), actual);

    private static long CountText(string text) => text.Length;

    private static (MessagesRequest Request, IReadOnlyList<AppliedContextEdit> Applied) Apply(MessagesRequest request) =>
        ContextEditor.Apply(request, _ => 0, CountText);

    /// <summary>A result of 100 characters: clearing it frees 63 tokens.</summary>
    private static string Long(char c) => new(c, 100);

    private static MessagesRequest Request(string edits, params string[] turns) => JsonSerializer.Deserialize(
        $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"context_management":{"edits":[{{edits}}]},"messages":[{"role":"user","content":"Go"},{{string.Join(",", turns)}}]}""",
        AnthropicJsonContext.Default.MessagesRequest)!;

    private static string ThinkingTurn(string thinking) =>
        $$"""{"role":"assistant","content":[{"type":"thinking","thinking":"{{thinking}}","signature":"s"},{"type":"text","text":"ok"}]},{"role":"user","content":"Next"}""";

    /// <summary>One assistant tool use and the user's result per entry, inputs numbered from 0.</summary>
    private static string[] ToolTurns(params (string Tool, string Result)[] uses) =>
    [
        .. uses.Select((use, i) =>
            $$$"""{"role":"assistant","content":[{"type":"tool_use","id":"toolu_{{{i}}}","name":"{{{use.Tool}}}","input":{"n":{{{i}}}}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_{{{i}}}","content":"{{{use.Result}}}"}]}"""),
    ];

    private static bool[] ThinkingKept(MessagesRequest request) =>
    [
        .. request.Messages!.Where(m => m.Role == "assistant").Select(m => m.Content!.Blocks!.Any(b => b.Type == "thinking" || b.Type == "redacted_thinking")),
    ];

    private static string[] Results(MessagesRequest request) =>
    [
        .. request.Messages!.SelectMany(m => m.Content?.Blocks ?? []).Where(b => b.Type == "tool_result").Select(b => b.Content!.Text!),
    ];

    private static string[] Inputs(MessagesRequest request) =>
    [
        .. request.Messages!.SelectMany(m => m.Content?.Blocks ?? []).Where(b => b.Type == "tool_use").Select(b => b.Input!.Value.GetRawText()),
    ];
}
