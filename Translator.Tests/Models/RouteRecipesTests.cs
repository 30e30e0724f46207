using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Anthropic;
using Translator.Tests.Configuration;

namespace Translator.Tests.Models;

/// <summary>The README's route recipes, in both forms it gives them, validate and plan each Claude name to the targets the recipe promises.</summary>
public sealed class RouteRecipesTests
{
    /// <summary>What each recipe plans, by Claude name: the README's words, as targets in the order they are tried.</summary>
    private static readonly Dictionary<string, Dictionary<string, string[]>> Plans = new()
    {
        ["codex-then-claude"] = new()
        {
            ["claude-opus-4-5"] = ["gpt-5.5", "claude:claude-opus-4-5"],
            ["claude-sonnet-4-5"] = ["gpt-5.4", "claude:claude-sonnet-4-5"],
            ["claude-haiku-4-5"] = ["gpt-5.4", "claude:claude-haiku-4-5"],
            ["claude-next-1"] = ["gpt-5.5", "claude:claude-next-1"],
        },
        ["gemini-for-subagents"] = new()
        {
            ["claude-opus-4-5"] = ["gpt-5.5"],
            ["claude-sonnet-4-5"] = ["gpt-5.4"],
            ["claude-haiku-4-5"] = ["gemini-2.5-flash", "gpt-5.4"],
        },
        ["all-claude"] = new()
        {
            ["claude-opus-4-5"] = ["claude:claude-opus-4-5"],
            ["claude-sonnet-4-5"] = ["claude:claude-sonnet-4-5"],
            ["claude-haiku-4-5"] = ["claude:claude-haiku-4-5"],
            ["claude-next-1"] = ["claude:claude-next-1"],
        },
    };

    public static TheoryData<string, string> RecipesInEachForm
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var recipe in Plans.Keys)
            {
                data.Add(recipe, "appsettings");
                data.Add(recipe, "environment");
            }

            return data;
        }
    }

    [Fact]
    public void The_readme_has_the_recipes_these_tests_hold_it_to()
    {
        Assert.Equal(Plans.Keys.Order(), ReadmeRecipe.FromReadme().Keys.Order());
    }

    [Theory]
    [MemberData(nameof(RecipesInEachForm))]
    public void A_readme_recipe_validates_and_plans_each_claude_name_to_its_targets(string recipe, string form)
    {
        var written = ReadmeRecipe.FromReadme()[recipe];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(form == "appsettings" ? written.Settings : written.EnvironmentSettings).Build();
        var options = configuration.GetSection(TranslatorOptions.SectionName).Get<TranslatorOptions>()!;

        IValidateOptions<TranslatorOptions>[] validators = [new TranslatorOptionsValidator(), new UnknownSettingsValidator(configuration), new RouteSettingsValidator()];
        Assert.All(validators, validator => Assert.Empty(validator.Validate(null, options).Failures ?? []));
        var planner = new CallPlanner(new ModelMap(Options.Create(options), [new ChatProtocol(), new ResponsesProtocol()]), Options.Create(options));
        foreach (var (model, targets) in Plans[recipe])
        {
            var plan = planner.Plan(MinimalRequest.With($$"""{"model":"{{model}}"}"""), ClientSession.None).Plan!;
            Assert.Equal(targets, plan.Targets.Select(t => t.Name));
        }
    }
}
