using Translator.Api.Models;

namespace Translator.Tests.Models;

/// <summary>How a route's comma-separated list of targets in configuration is read.</summary>
public sealed class TargetSpecTests
{
    [Fact]
    public void Reads_upstream_models_bare_claude_and_named_claude_in_their_order()
    {
        var (targets, problem) = TargetSpec.ParseList(" gpt-5.5 , claude:claude-opus-4-5,claude , gemini-2.5-pro");

        Assert.Null(problem);
        Assert.Equal(
            [
                new TargetSpec(TargetKind.Translated, "gpt-5.5"),
                new TargetSpec(TargetKind.Claude, "claude-opus-4-5"),
                new TargetSpec(TargetKind.Claude, null),
                new TargetSpec(TargetKind.Translated, "gemini-2.5-pro"),
            ],
            targets);
    }

    [Theory]
    [InlineData("gpt-5.5")]
    [InlineData("gpt-5.1(high)")]
    public void Keeps_a_single_model_valid(string value)
    {
        Assert.Equal([new TargetSpec(TargetKind.Translated, value)], TargetSpec.ParseList(value).Targets);
    }

    [Theory]
    [InlineData("gpt-5.5,,claude", "has an empty entry")]
    [InlineData("gpt-5.5,", "has an empty entry")]
    [InlineData("claude:", "'claude:', which is neither")]
    [InlineData("foo:bar", "'foo:bar', which is neither")]
    [InlineData("gpt 5.5", "'gpt 5.5', which is neither")]
    [InlineData("gpt-5.5,claude,GPT-5.5", "lists 'GPT-5.5' twice")]
    [InlineData("claude:claude-opus-4-5,claude:claude-opus-4-5", "lists 'claude:claude-opus-4-5' twice")]
    [InlineData(" ", "must list its targets")]
    public void Says_what_is_wrong_with_a_list_that_is_not_one(string value, string problem)
    {
        var (targets, said) = TargetSpec.ParseList(value);

        Assert.Null(targets);
        Assert.Contains(problem, said);
    }
}
