using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Extensions;

namespace Translator.Tests.Configuration;

/// <summary>A key under Translator that no options class binds is refused at start, with the key it most likely meant.</summary>
public sealed class UnknownSettingsTests
{
    [Theory]
    [InlineData("Translator:Upstream:Protcol", "chat", "Unknown setting Translator:Upstream:Protcol; did you mean Translator:Upstream:Protocol?")]
    [InlineData("Translator:Upstrem:BaseUrl", "http://localhost:8317/v1", "Unknown setting Translator:Upstrem:BaseUrl; did you mean Translator:Upstream:BaseUrl?")]
    [InlineData("Translator:Modls:Map:claude-x", "gpt-5.5", "Unknown setting Translator:Modls:Map:claude-x; did you mean Translator:Models:Map:claude-x?")]
    [InlineData("translator:limits:maxsselinebyte", "2048", "Unknown setting Translator:limits:maxsselinebyte; did you mean Translator:Limits:MaxSseLineBytes?")]
    [InlineData("Translator:Upstream:Colour", "red", "Unknown setting Translator:Upstream:Colour; Translator:Upstream takes BaseUrl, PublicBaseUrl, Protocol, ProtocolByModel, ResponsesAvailable, ApiKey, HeadersTimeout, IdleTimeout, PassthroughIdleTimeout, AlwaysStream.")]
    [InlineData("Translator:Streaming:PingInterval:Seconds", "5", "Unknown setting Translator:Streaming:PingInterval:Seconds; Translator:Streaming takes PingInterval.")]
    [InlineData("Translator:Models:Map:claude-x:model", "gpt-5.5", "Unknown setting Translator:Models:Map:claude-x:model; Translator:Models takes Map,")]
    [InlineData("Translator:Auth:ApiKeys", "key-0123456789", "Translator:Auth:ApiKeys is a list: set Translator:Auth:ApiKeys:0, Translator:Auth:ApiKeys:1 and so on, not Translator:Auth:ApiKeys itself.")]
    [InlineData("Translator:Models:Map", "gpt-5.5", "Translator:Models:Map is a map: set Translator:Models:Map:<name>, not Translator:Models:Map itself.")]
    public async Task Refuses_a_key_no_options_class_binds_and_suggests_the_nearest(string key, string value, string expected)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));

        Assert.Contains(exception.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Takes_any_name_in_a_map_or_list_and_keys_in_any_case()
    {
        await StartAsync(new()
        {
            ["Translator:Models:Map:claude-anything-1"] = "gpt-5.5",
            ["Translator:Models:ContextWindows:gpt-5.9"] = "500000",
            ["Translator:Models:Advertised:0"] = "claude-anything-1",
            ["Translator:Upstream:ProtocolByModel:codex"] = "responses",
            ["Translator:Auth:ApiKeys:0"] = "key-0123456789",
            ["translator:upstream:protocol"] = "responses",
            ["Translator:PublicUrl"] = "http://localhost:8318",
            ["Translator:Upstream:PublicBaseUrl"] = "",
        });
    }

    [Fact]
    public void The_declared_keys_are_exactly_the_options_properties()
    {
        var declared = Flatten(TranslatorOptions.Keys, TranslatorOptions.SectionName).Order().ToList();
        var properties = Walk(typeof(TranslatorOptions), TranslatorOptions.SectionName).Order().ToList();

        Assert.Equal(properties, declared);

        static IEnumerable<string> Flatten(IReadOnlyList<SettingKey> keys, string path) => keys.SelectMany(k =>
            k.Shape == SettingShape.Section ? Flatten(k.Keys, $"{path}:{k.Name}") : [$"{path}:{k.Name} ({k.Shape})"]);

        static IEnumerable<string> Walk(Type type, string path) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType.Namespace == typeof(TranslatorOptions).Namespace
                ? Walk(p.PropertyType, $"{path}:{p.Name}")
                : [$"{path}:{p.Name} ({ShapeOf(p.PropertyType)})"]);

        static SettingShape ShapeOf(Type type) =>
            typeof(IDictionary).IsAssignableFrom(type) ? SettingShape.Map
            : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) ? SettingShape.List
            : SettingShape.Value;
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" });
        builder.AddTranslator();
        await using var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }
}
