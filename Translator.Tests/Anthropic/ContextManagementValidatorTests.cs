namespace Translator.Tests.Anthropic;

/// <summary>context_management.edits: the two edits the translator applies, and the one it cannot.</summary>
public sealed class ContextManagementValidatorTests
{
    private const string CompactionRefused = "Server-side compaction (compact_20260112) is not available through an OpenAI upstream: the translator cannot produce the compaction block it returns. Compact on the client (Claude Code's /compact, or its automatic compaction when the prompt is too long), or clear old tool results with clear_tool_uses_20250919.";

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"edits":[]}""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015"}]}""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]}""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":2}}]}""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":0}}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919"}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"input_tokens","value":30000}}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":1}}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","keep":{"type":"tool_uses","value":0}}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_at_least":{"type":"input_tokens","value":0}}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_tool_inputs":true}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_tool_inputs":false}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_tool_inputs":["Bash"]}]}""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","exclude_tools":["Read"]}]}""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":"all"},{"type":"clear_tool_uses_20250919","trigger":{"type":"input_tokens","value":100000},"keep":{"type":"tool_uses","value":3},"clear_at_least":{"type":"input_tokens","value":5000},"clear_tool_inputs":true}]}""")]
    public void Accepts_the_edits_the_translator_applies(string management)
    {
        Assert.Null(MinimalRequest.ErrorWith($$$"""{"context_management":{{{management}}}}"""));
    }

    [Theory]
    [InlineData("""{"edits":[null]}""", "context_management.edits.0: Must be an object.")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919"},{"type":"clear_thinking_20251015"}]}""", "context_management.edits.1.type: clear_thinking_20251015 must be the first edit.")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":"some"}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":3}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"tool_uses","value":1}}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":-1}}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":1.5}}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns"}}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":"2"}}]}""", """context_management.edits.0.keep: Must be "all" or {"type":"thinking_turns","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"seconds","value":5}}]}""", """context_management.edits.0.trigger: Must be {"type":"input_tokens"|"tool_uses","value":N} with N at least 1.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"input_tokens","value":0}}]}""", """context_management.edits.0.trigger: Must be {"type":"input_tokens"|"tool_uses","value":N} with N at least 1.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses"}}]}""", """context_management.edits.0.trigger: Must be {"type":"input_tokens"|"tool_uses","value":N} with N at least 1.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","keep":"all"}]}""", """context_management.edits.0.keep: Must be {"type":"tool_uses","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","keep":{"type":"thinking_turns","value":1}}]}""", """context_management.edits.0.keep: Must be {"type":"tool_uses","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","keep":{"type":"tool_uses","value":"3"}}]}""", """context_management.edits.0.keep: Must be {"type":"tool_uses","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_at_least":{"type":"tool_uses","value":1}}]}""", """context_management.edits.0.clear_at_least: Must be {"type":"input_tokens","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_at_least":{"type":"input_tokens","value":-1}}]}""", """context_management.edits.0.clear_at_least: Must be {"type":"input_tokens","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_at_least":{"type":"input_tokens"}}]}""", """context_management.edits.0.clear_at_least: Must be {"type":"input_tokens","value":N}.""")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_tool_inputs":"yes"}]}""", "context_management.edits.0.clear_tool_inputs: Must be a boolean or a list of tool names.")]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919","clear_tool_inputs":{"tools":["Bash"]}}]}""", "context_management.edits.0.clear_tool_inputs: Must be a boolean or a list of tool names.")]
    [InlineData("""{"edits":[{"type":"compact_20260112"}]}""", "context_management.edits.0.type: " + CompactionRefused)]
    [InlineData("""{"edits":[{"type":"clear_tool_uses_20250919"},{"type":"compact_20260112"}]}""", "context_management.edits.1.type: " + CompactionRefused)]
    [InlineData("""{"edits":[{"type":"clear_everything"}]}""", "context_management.edits.0.type: Unknown context edit 'clear_everything'; expected 'clear_tool_uses_20250919' or 'clear_thinking_20251015'.")]
    [InlineData("""{"edits":[{}]}""", "context_management.edits.0.type: Unknown context edit null; expected 'clear_tool_uses_20250919' or 'clear_thinking_20251015'.")]
    public void Refuses_a_bad_edit_by_its_path(string management, string error)
    {
        Assert.Equal(error, MinimalRequest.ErrorWith($$$"""{"context_management":{{{management}}}}"""));
    }

    [Theory]
    [InlineData("""[{"type":"clear_tool_uses_20250919","trigger":{"type":"x","value":1},"keep":"all"}]""", "context_management.edits.0.trigger: ")]
    [InlineData("""[{"type":"clear_tool_uses_20250919","keep":"all","clear_at_least":{"type":"x"}}]""", "context_management.edits.0.keep: ")]
    [InlineData("""[{"type":"clear_tool_uses_20250919","clear_at_least":{"type":"x"},"clear_tool_inputs":1}]""", "context_management.edits.0.clear_at_least: ")]
    [InlineData("""[{"type":"clear_everything"},{"type":"compact_20260112"}]""", "context_management.edits.0.type: Unknown context edit")]
    public void Reports_the_first_problem_of_the_first_bad_edit(string edits, string errorStart)
    {
        Assert.StartsWith(errorStart, MinimalRequest.ErrorWith($$$"""{"context_management":{"edits":{{{edits}}}}}"""));
    }
}
