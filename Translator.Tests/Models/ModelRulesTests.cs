using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Tests.Models;

public sealed class ModelRulesTests
{
    [Theory]
    [InlineData("claude-opus-5-5", "gpt-5.5")]
    [InlineData("claude-opus-4-1-20250805", "gpt-5.5")]
    [InlineData("claude-sonnet-4-5", "gpt-5.4")]
    [InlineData("claude-3-5-haiku-latest", "gpt-5.4")]
    [InlineData("claude-fable-1", "gpt-5.5")]
    [InlineData("gpt-5.1", "gpt-5.1")]
    [InlineData("gpt-5.5(high)", "gpt-5.5(high)")]
    [InlineData("o3", "o3")]
    public void Resolves_claude_names_by_family_and_default_and_passes_other_names_through(string requested, string expected)
    {
        Assert.Equal([new TargetSpec(TargetKind.Translated, expected)], Map(new ModelOptions()).Route(requested));
    }

    [Fact]
    public void Exact_names_win_over_families_and_every_rule_can_be_overridden()
    {
        var options = new ModelOptions { Default = "gpt-5.5" };
        options.Map["claude-opus-5-5"] = "gpt-5.5-codex";
        options.Map["amp-fast"] = "gpt-5.4-mini";
        options.Families["sonnet"] = "gpt-5.4";

        var map = Map(options);

        Assert.Equal("gpt-5.5-codex", map.Route("CLAUDE-OPUS-5-5")[0].Model);
        Assert.Equal("gpt-5.5", map.Route("claude-opus-4-1")[0].Model);
        Assert.Equal("gpt-5.4", map.Route("claude-sonnet-4-5")[0].Model);
        Assert.Equal("gpt-5.4-mini", map.Route("amp-fast")[0].Model);
        Assert.Equal("gpt-5.5", map.Route("claude-next")[0].Model);
        Assert.Equal(["gpt-5.5-codex", "gpt-5.4-mini", "gpt-5.5", "gpt-5.4"], map.Targets);
    }

    [Fact]
    public void Routes_a_name_to_its_list_in_order_and_counts_only_translated_targets_as_upstream_models()
    {
        var options = new ModelOptions { Default = "claude" };
        options.Families["opus"] = "gpt-5.5,claude:claude-opus-4-5,gpt-5.4";

        var map = Map(options);

        Assert.Equal(
            [new TargetSpec(TargetKind.Translated, "gpt-5.5"), new TargetSpec(TargetKind.Claude, "claude-opus-4-5"), new TargetSpec(TargetKind.Translated, "gpt-5.4")],
            map.Route("claude-opus-4-1"));
        Assert.Equal([new TargetSpec(TargetKind.Claude, null)], map.Route("claude-next"));
        Assert.Equal(["gpt-5.5", "gpt-5.4"], map.Targets);
    }

    [Theory]
    [InlineData("gpt-5.1", true)]
    [InlineData("gpt-5.1-codex-mini", true)]
    [InlineData("o4-mini", true)]
    [InlineData("gpt-4.1", false)]
    [InlineData("deepseek-chat", false)]
    public void Knows_which_upstream_models_are_reasoning_models(string model, bool expected)
    {
        Assert.Equal(expected, UpstreamModels.IsReasoningModel(model));
    }

    [Theory]
    [InlineData("gpt-5.5", "responses")]
    [InlineData("GPT-5.1-CODEX-MINI", "responses")]
    [InlineData("gpt-5.1", "chat")]
    public void Chooses_the_protocol_by_the_first_rule_the_upstream_model_matches(string upstreamModel, string expected)
    {
        var options = new TranslatorOptions();
        options.Upstream.Protocol = "chat";
        options.Upstream.ProtocolByModel["codex"] = "responses";
        options.Upstream.ProtocolByModel["gpt-5.5"] = "Responses";

        var map = new ModelRules(options, [new ChatProtocol(), new ResponsesProtocol()]);

        Assert.Equal(expected, map.ProtocolFor(upstreamModel).Name);
    }

    [Theory]
    [InlineData("gpt-5.1-codex-mini", "gpt-5.4-codex-mini")]
    [InlineData("gpt-5.1-codex", "gpt-5.3-codex")]
    [InlineData("gpt-5.1", "gpt-5.5")]
    [InlineData("gpt-5.1-codex-max", "gpt-5.5")]
    public void Suggests_the_newest_served_model_of_the_same_kind_for_a_mapped_model_the_upstream_lacks(string missing, string expected)
    {
        string[] served = ["gpt-5.5", "gpt-5.2", "gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.4-codex-mini", "gpt-5.5-pro-x", "o3"];

        Assert.Equal(expected, ModelSuggestion.For(missing, served));
    }

    [Fact]
    public void Suggests_nothing_when_the_upstream_serves_no_gpt5_model()
    {
        Assert.Null(ModelSuggestion.For("gpt-5.1", ["o3", "deepseek-chat"]));
    }

    private static ModelRules Map(ModelOptions models) => new(new TranslatorOptions { Models = models }, [new ChatProtocol(), new ResponsesProtocol()]);
}
