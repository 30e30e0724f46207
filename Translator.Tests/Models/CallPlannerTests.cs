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
    [InlineData(200_000, 128_000)]
    [InlineData(1_000, 1_000)]
    public void Lowers_a_max_tokens_above_the_models_output_limit_to_it(long asked, long sent)
    {
        var plan = Plan(MinimalRequest.With($$"""{"max_tokens":{{asked}}}"""));

        Assert.Equal(sent, plan.Request.MaxTokens);
        Assert.Equal(128_000, ((UpstreamTarget)plan.Targets[0]).OutputLimit);
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
