using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Anthropic;

namespace Translator.Tests.Models;

/// <summary>The README's route recipes (Fixtures/route-recipes.json), in both forms it gives them, validate and plan as it says.</summary>
public sealed class RouteRecipesTests
{
    private static readonly JsonElement Recipes = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "route-recipes.json"))).RootElement;

    public static TheoryData<string, string> RecipesInEachForm
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var recipe in Recipes.EnumerateObject())
            {
                data.Add(recipe.Name, "appsettings");
                data.Add(recipe.Name, "environment");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RecipesInEachForm))]
    public void A_readme_recipe_validates_and_plans_each_claude_name_to_its_targets(string recipe, string form)
    {
        var configuration = Configuration(Recipes.GetProperty(recipe), form);
        var options = configuration.GetSection(TranslatorOptions.SectionName).Get<TranslatorOptions>()!;

        IValidateOptions<TranslatorOptions>[] validators = [new TranslatorOptionsValidator(), new UnknownSettingsValidator(configuration), new RouteSettingsValidator()];
        Assert.All(validators, validator => Assert.Empty(validator.Validate(null, options).Failures ?? []));
        var planner = new CallPlanner(new ModelMap(Options.Create(options), [new ChatProtocol(), new ResponsesProtocol()]), Options.Create(options));
        foreach (var (model, targets) in Recipes.GetProperty(recipe).GetProperty("plans").EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            var plan = planner.Plan(MinimalRequest.With($$"""{"model":"{{model}}"}"""), ClientSession.None).Plan!;
            Assert.Equal(targets.EnumerateArray().Select(t => t.GetString()), plan.Targets.Select(t => t.Name));
        }
    }

    /// <summary>The recipe's settings as an appsettings.json section, or as environment variables (<c>__</c> for <c>:</c>, as .NET reads them).</summary>
    private static IConfigurationRoot Configuration(JsonElement recipe, string form) => form == "appsettings"
        ? new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(recipe.GetProperty("settings").GetRawText()))).Build()
        : new ConfigurationBuilder().AddInMemoryCollection(recipe.GetProperty("environment").EnumerateArray()
            .Select(line => line.GetString()!.Split('=', 2))
            .Select(pair => KeyValuePair.Create(pair[0].Replace("__", ":", StringComparison.Ordinal), (string?)pair[1]))).Build();
}
