using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;

namespace Translator.Tests.Upstreams;

/// <summary>Which of the client's <c>cache_control</c> marks become upstream breakpoints, and on which part.</summary>
public sealed class CacheBreakpointsTests
{
    private const string Mark = "\"cache_control\":{\"type\":\"ephemeral\"}";

    [Fact]
    public void Explicit_mode_keeps_the_newest_four_marks()
    {
        var request = Parse(Conversation(6));

        var breakpoints = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: true);

        Assert.Equal(["u2", "u3", "u4", "u5"], Marked(request, breakpoints));
    }

    [Fact]
    public void Implicit_mode_keeps_the_newest_three_leaving_one_to_openai()
    {
        var request = Parse(Conversation(6));

        var breakpoints = CacheBreakpoints.Of(request, "implicit", systemIsContent: true);

        Assert.Equal(["u3", "u4", "u5"], Marked(request, breakpoints));
    }

    [Fact]
    public void No_mode_means_no_breakpoints()
    {
        var request = Parse(Conversation(2));

        var breakpoints = CacheBreakpoints.Of(request, null, systemIsContent: true);

        Assert.False(breakpoints.Any);
        Assert.Empty(Marked(request, breakpoints));
    }

    [Fact]
    public void The_system_prompt_takes_a_breakpoint_only_where_it_is_sent_as_content()
    {
        var request = Parse($$"""
            {"model":"claude-sonnet-4-5","max_tokens":10,
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1;",{{Mark}}},{"type":"text","text":"sys",{{Mark}}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"u0",{{Mark}}}]}]}
            """);

        var chat = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: true);
        var responses = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: false);

        // The billing line never goes upstream, so its mark has nowhere to land.
        Assert.Equal(["sys", "u0"], Marked(request, chat));
        Assert.Equal(["u0"], Marked(request, responses));
    }

    [Fact]
    public void Marks_on_assistant_blocks_tools_and_thinking_are_left_out()
    {
        var request = Parse($$"""
            {"model":"claude-sonnet-4-5","max_tokens":10,
             "tools":[{"name":"t","input_schema":{"type":"object"},{{Mark}}}],
             "messages":[
               {"role":"user","content":[{"type":"text","text":"u0",{{Mark}}}]},
               {"role":"assistant","content":[{"type":"thinking","thinking":"th","signature":"s",{{Mark}}},{"type":"text","text":"a0",{{Mark}}},
                 {"type":"tool_use","id":"toolu_1","name":"t","input":{},{{Mark}}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"r1",{{Mark}}}]}]}
            """);

        var breakpoints = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: true);

        Assert.Equal(["u0", "toolu_1"], Marked(request, breakpoints));
    }

    [Fact]
    public void A_mark_inside_a_tool_result_lands_on_the_tool_result()
    {
        var request = Parse($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":10,"messages":[
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"inner",{{{Mark}}}}]}]}]}
            """);

        var breakpoints = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: true);

        var result = request.Messages![1].Content!.Blocks![0];
        Assert.Same(PromptCacheBreakpoint.Explicit, breakpoints.At(result));
        Assert.Null(breakpoints.At(result.Content!.Blocks![0]));
    }

    [Fact]
    public void Split_cuts_the_joined_text_after_each_block_with_a_breakpoint()
    {
        var request = Parse($$"""
            {"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[
              {"type":"text","text":"a"},{"type":"text","text":"b",{{Mark}}},{"type":"text","text":"c"},{"type":"text","text":"d",{{Mark}}},{"type":"text","text":"e"}]}]}
            """);
        var breakpoints = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: true);

        var segments = breakpoints.Split(request.Messages![0].Content);

        Assert.Equal(
            new (string, PromptCacheBreakpoint?)[] { ("a\n\nb", PromptCacheBreakpoint.Explicit), ("\n\nc\n\nd", PromptCacheBreakpoint.Explicit), ("\n\ne", null) },
            segments!);
    }

    [Fact]
    public void Split_leaves_content_without_a_breakpoint_whole()
    {
        var request = Parse(Conversation(6));
        var breakpoints = CacheBreakpoints.Of(request, CacheBreakpoints.ExplicitMode, systemIsContent: true);

        // u0 and u1 were marked but are older than the four kept.
        Assert.Null(breakpoints.Split(request.Messages![0].Content));
        Assert.NotNull(breakpoints.Split(request.Messages![^1].Content));
    }

    private static MessagesRequest Parse(string json) => JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)!;

    /// <summary><paramref name="turns"/> user turns, each one marked text block <c>u0</c>, <c>u1</c>…, with assistant answers between.</summary>
    private static string Conversation(int turns) =>
        $$"""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{{string.Join(
            """,{"role":"assistant","content":"ok"},""",
            Enumerable.Range(0, turns).Select(i => $$"""{"role":"user","content":[{"type":"text","text":"u{{i}}",{{Mark}}}]}"""))}}]}""";

    /// <summary>The blocks that carry a breakpoint, in request order: a text by its text, a tool result by its use's id.</summary>
    private static string[] Marked(MessagesRequest request, CacheBreakpoints breakpoints) =>
    [
        .. (request.System?.Blocks ?? []).Concat(request.Messages!.SelectMany(m => m.Content?.Blocks ?? []))
            .Where(b => breakpoints.At(b) is not null)
            .Select(b => b.Type == "tool_result" ? b.ToolUseId! : b.Text!),
    ];
}
