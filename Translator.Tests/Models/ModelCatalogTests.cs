using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Models;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Tests.Models;

/// <summary>What <c>GET /v1/models</c> says of a model follows its route, as the settings in use have it.</summary>
public sealed class ModelCatalogTests
{
    [Fact]
    public void Gives_a_model_the_limits_every_target_of_its_route_keeps()
    {
        var options = new TranslatorOptions();
        options.Models.Families["opus"] = "gpt-5.4,claude";
        options.Models.Families["haiku"] = "gpt-5.5,gemini-2.5-pro";

        var catalog = Catalog(options, out _);

        var opus = catalog.Find("claude-opus-5-5")!;
        Assert.Equal((200_000, 64_000), (opus.MaxInputTokens, opus.MaxTokens));
        var haiku = catalog.Find("claude-haiku-4-5")!;
        Assert.Equal((272_000, 65_536), (haiku.MaxInputTokens, haiku.MaxTokens));
    }

    [Fact]
    public void Lists_what_the_changed_routes_serve_once_they_are_in_use()
    {
        var options = new TranslatorOptions();
        var catalog = Catalog(options, out var map);
        Assert.Equal(128_000, catalog.Find("claude-haiku-4-5")!.MaxTokens);

        var changed = new TranslatorOptions();
        changed.Models.Families["haiku"] = "gemini-2.5-pro";
        changed.Models.Map["claude-haiku-subagent"] = "gemini-2.5-pro";
        map.Apply(changed);

        Assert.Equal(65_536, catalog.Find("claude-haiku-4-5")!.MaxTokens);
        Assert.NotNull(catalog.Find("claude-haiku-subagent"));
    }

    private static ModelCatalog Catalog(TranslatorOptions options, out ModelMap map)
    {
        map = new ModelMap(Options.Create(options), [new ChatProtocol(), new ResponsesProtocol()]);
        return new ModelCatalog(Options.Create(options), map);
    }
}
