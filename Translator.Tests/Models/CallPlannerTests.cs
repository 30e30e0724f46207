using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Anthropic;

namespace Translator.Tests.Models;

/// <summary>What the one planner decides for a validated request, before anything is translated.</summary>
public sealed class CallPlannerTests
{
    private const string McpServers = """{"mcp_servers":[{"type":"url","url":"https://mcp.example.com/sse","name":"example"}]}""";

    [Theory]
    [InlineData("claude-sonnet-4-5", "gpt-5.4", "xhigh")]
    [InlineData("claude-opus-5-5", "gpt-5.5", "xhigh")]
    [InlineData("gpt-5.1", "gpt-5.1", "high")]
    [InlineData("gpt-5.6", "gpt-5.6", "max")]
    [InlineData("gpt-4.1", "gpt-4.1", null)]
    public void Plans_the_resolved_model_with_the_effort_clamped_to_the_levels_it_takes(string requested, string upstreamModel, string? effort)
    {
        var plan = Plan(MinimalRequest.With($$$"""{"model":"{{{requested}}}","thinking":{"type":"adaptive"},"output_config":{"effort":"max"}}"""));

        var target = Assert.IsType<UpstreamTarget>(Assert.Single(plan.Targets));
        Assert.Equal(requested, plan.RequestedModel);
        Assert.Equal(upstreamModel, target.Model);
        Assert.Equal(effort, target.ReasoningEffort);
    }

    [Theory]
    [InlineData(200_000, 128_000, 65_536)]
    [InlineData(1_000, 1_000, 1_000)]
    public void Lowers_a_max_tokens_above_each_targets_output_limit_to_that_targets_own(long asked, long toGpt, long toGemini)
    {
        var options = new TranslatorOptions();
        options.Models.Families["opus"] = "gpt-5.5,gemini-2.5-pro";
        options.Models.OutputLimits["gemini-2.5-pro"] = 65_536;

        var plan = Planner(options).Plan(MinimalRequest.With($$"""{"model":"claude-opus-4-5","max_tokens":{{asked}}}"""), ClientSession.None).Plan!;

        Assert.Equal(asked, plan.Request.MaxTokens);
        Assert.Equal([toGpt, toGemini], plan.Targets.Cast<UpstreamTarget>().Select(t => ChatRequestTranslator.Translate(plan.Request, t).MaxCompletionTokens!.Value));
    }

    [Fact]
    public void Makes_the_output_plan_once_for_every_translated_target()
    {
        var options = new TranslatorOptions();
        options.Models.Default = "gpt-5.5,claude,gpt-5.4";

        var longName = "mcp__" + new string('a', 70);

        var targets = Planner(options).Plan(MinimalRequest.With($$$"""{"tools":[{"name":"{{{longName}}}","input_schema":{"type":"object"}}]}"""), ClientSession.None).Plan!.Targets;

        Assert.Same(((UpstreamTarget)targets[0]).Output, ((UpstreamTarget)targets[2]).Output);
        Assert.Equal(UpstreamToolName.For(longName), ((UpstreamTarget)targets[0]).Output.UpstreamName(longName));
    }

    [Fact]
    public void Sends_a_request_the_translator_cannot_translate_to_the_routes_claude_targets_alone()
    {
        var options = new TranslatorOptions();
        options.Models.Default = "gpt-5.5,claude:claude-opus-4-5";

        var plan = Planner(options).Plan(MinimalRequest.With(McpServers), ClientSession.None).Plan!;

        Assert.Equal(["claude:claude-opus-4-5"], plan.Targets.Select(t => t.Name));
    }

    [Fact]
    public void Refuses_a_request_the_translator_cannot_translate_when_its_route_has_no_claude_target()
    {
        var (plan, error) = Planner(new TranslatorOptions()).Plan(MinimalRequest.With(McpServers), ClientSession.None);

        Assert.Null(plan);
        Assert.StartsWith("mcp_servers: Not available through an OpenAI upstream", error!.Message);
    }

    [Theory]
    [InlineData(McpServers)]
    [InlineData("""{"max_tokens":null}""")]
    [InlineData("""{"tools":[{"type":"web_search_29990101","name":"web_search"}]}""")]
    public void Leaves_a_request_on_a_route_of_claude_targets_alone_for_claude_to_judge(string fields)
    {
        var options = new TranslatorOptions();
        options.Models.Default = "claude";
        options.Upstream.ResponsesAvailable = false;

        var (plan, error) = Planner(options).Plan(MinimalRequest.With(fields), ClientSession.None);

        Assert.Null(error);
        Assert.Equal(["claude:claude-x"], plan!.Targets.Select(t => t.Name));
    }

    [Fact]
    public void Leaves_out_a_translated_target_a_web_search_cannot_use_and_keeps_the_claude_one()
    {
        var options = new TranslatorOptions();
        options.Models.Default = "gpt-5.5,claude";
        options.Upstream.ResponsesAvailable = false;

        var plan = Planner(options).Plan(MinimalRequest.With("""{"tools":[{"type":"web_search_20250305","name":"web_search"}]}"""), ClientSession.None).Plan!;

        Assert.Equal(["claude:claude-x"], plan.Targets.Select(t => t.Name));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    public void Streams_the_upstream_call_when_the_client_asks_for_a_stream_or_always_stream_is_on(bool stream, bool alwaysStream, bool upstreamStreams)
    {
        var options = new TranslatorOptions();
        options.Upstream.AlwaysStream = alwaysStream;

        var plan = Planner(options).Plan(MinimalRequest.With($$"""{"stream":{{(stream ? "true" : "false")}}}"""), ClientSession.None).Plan!;

        Assert.Equal(stream, plan.StreamsToClient);
        Assert.Equal(upstreamStreams, plan.UpstreamStreams);
        Assert.Equal(upstreamStreams, plan.Request.Stream == true);
    }

    [Fact]
    public void Keeps_a_complete_web_search_answer_complete_upstream_even_with_always_stream()
    {
        var plan = Plan(MinimalRequest.With("""{"tools":[{"type":"web_search_20250305","name":"web_search"}]}"""));

        Assert.False(plan.UpstreamStreams);
        Assert.NotEqual(true, plan.Request.Stream);
    }

    [Fact]
    public void Sends_web_search_to_the_responses_protocol_and_refuses_it_when_the_upstream_has_none()
    {
        var request = MinimalRequest.With("""{"tools":[{"type":"web_search_20250305","name":"web_search"}]}""");
        var withoutResponses = new TranslatorOptions();
        withoutResponses.Upstream.ResponsesAvailable = false;

        Assert.Equal(UpstreamOptions.ResponsesProtocolName, ((UpstreamTarget)Plan(request).Targets[0]).Protocol.Name);
        var (plan, error) = Planner(withoutResponses).Plan(request, ClientSession.None);
        Assert.Null(plan);
        Assert.Contains("Translator:Upstream:ResponsesAvailable", error!.Message);
    }

    [Fact]
    public void Keys_the_prompt_cache_by_the_conversation_as_it_goes_upstream()
    {
        var plan = Plan(MinimalRequest.With("{}"));
        var edited = MinimalRequest.With("""{"messages":[{"role":"user","content":"Hello again"}]}""");

        var replanned = CallPlanner.WithEditedRequest(plan, edited);

        Assert.Same(edited, replanned.Request);
        Assert.NotEqual(((UpstreamTarget)plan.Targets[0]).PromptCacheKey, ((UpstreamTarget)replanned.Targets[0]).PromptCacheKey);
        Assert.Equal(((UpstreamTarget)Plan(edited).Targets[0]).PromptCacheKey, ((UpstreamTarget)replanned.Targets[0]).PromptCacheKey);
    }

    [Fact]
    public void Keys_every_turn_of_a_claude_code_session_alike_and_each_subagent_apart()
    {
        var first = MinimalRequest.With("{}");
        var next = MinimalRequest.With("""{"messages":[{"role":"user","content":"Another turn"}]}""");
        var planner = Planner(new TranslatorOptions());

        string? Key(MessagesRequest request, string? agent) => ((UpstreamTarget)planner.Plan(request, new ClientSession("session-1", agent)).Plan!.Targets[0]).PromptCacheKey;

        Assert.Equal(Key(first, null), Key(next, null));
        Assert.NotEqual(Key(first, null), Key(first, "agent-1"));
    }

    [Fact]
    public void Plans_the_routes_targets_in_their_order_with_claude_named_as_configured_or_as_asked()
    {
        var options = new TranslatorOptions();
        options.Models.Families["opus"] = "gpt-5.5,claude:claude-opus-4-5,claude,gpt-5.4";

        var plan = Planner(options).Plan(MinimalRequest.With("""{"model":"claude-opus-4-1"}"""), ClientSession.None).Plan!;

        Assert.Equal(["gpt-5.5", "claude:claude-opus-4-5", "claude:claude-opus-4-1", "gpt-5.4"], plan.Targets.Select(t => t.Name));
        Assert.IsType<UpstreamTarget>(plan.Targets[3]);
    }

    private static CallPlan Plan(MessagesRequest request) => Planner(new TranslatorOptions()).Plan(request, ClientSession.None).Plan!;

    private static CallPlanner Planner(TranslatorOptions options) =>
        new(new ModelMap(Options.Create(options), [new ChatProtocol(), new ResponsesProtocol()]), Options.Create(options));
}
