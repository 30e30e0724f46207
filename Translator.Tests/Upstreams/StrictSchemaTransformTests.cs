using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Upstreams;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Upstreams;

/// <summary>
/// A client's schema as OpenAI's strict mode takes it, checked against the scripted upstream's
/// strict rules; and the nulls it made the model write, taken out of the answer again.
/// </summary>
public sealed class StrictSchemaTransformTests
{
    [Fact]
    public void Optional_properties_become_required_and_nullable_at_every_level_and_the_rules_accept_the_result()
    {
        var client = Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["id"],
             "properties":{"id":{"type":"integer","default":1},"tags":{"type":"array","items":{"$ref":"#/$defs/tag"}},"kind":{"enum":["a","b"],"type":"string"},"at":{"type":"string","format":"uri"}},
             "$defs":{"tag":{"type":"object","properties":{"name":{"type":"string"},"weight":{"anyOf":[{"type":"number"},{"type":"string"}]}},"required":["name"]}}}
            """);

        var strict = StrictSchema.From(client);

        Assert.True(strict.Strict);
        Assert.True(strict.AddsNulls);
        var violations = new List<string>();
        StrictSchemaRules.Check(strict.Schema, "schema", violations);
        Assert.Empty(violations);
        Assert.Equal("""["string","null"]""", strict.Schema.GetProperty("properties").GetProperty("kind").GetProperty("type").GetRawText());
        Assert.Equal("""["a","b",null]""", strict.Schema.GetProperty("properties").GetProperty("kind").GetProperty("enum").GetRawText());
        Assert.Equal(3, strict.Schema.GetProperty("$defs").GetProperty("tag").GetProperty("properties").GetProperty("weight").GetProperty("anyOf").GetArrayLength());
    }

    [Fact]
    public void A_schema_with_everything_required_and_closed_adds_no_nulls()
    {
        var strict = StrictSchema.From(Parse("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}"""));

        Assert.True(strict.Strict);
        Assert.False(strict.AddsNulls);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object"}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","minLength":1}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"allOf":[{"type":"string"}]}}}""")]
    public void A_schema_with_no_faithful_strict_form_is_sent_as_written_and_not_strict(string schema)
    {
        var client = Parse(schema);

        var strict = StrictSchema.From(client);

        Assert.False(strict.Strict);
        Assert.Equal(client.GetRawText(), strict.Schema.GetRawText());
    }

    [Fact]
    public void The_nulls_of_optional_properties_are_removed_and_required_ones_kept()
    {
        var client = Parse("""
            {"type":"object","required":["a","n"],"properties":{"a":{"type":"string"},"n":{"type":["string","null"]},"b":{"type":"string"},
             "list":{"type":"array","items":{"$ref":"#/$defs/x"}}},"$defs":{"x":{"type":"object","properties":{"c":{"type":"string"}}}}}
            """);

        var cleaned = OptionalNulls.Remove("""{"a":"é","n":null,"b":null,"list":[{"c":null},{"c":"d"}]}""", client);

        Assert.Equal("""{"a":"é","n":null,"list":[{},{"c":"d"}]}""", cleaned);
        Assert.Equal("not json", OptionalNulls.Remove("not json", client));
    }

    [Fact]
    public void A_long_tool_name_gets_the_same_short_name_every_time_and_a_short_one_keeps_its_own()
    {
        var name = "mcp__" + new string('s', 30) + "__" + new string('t', 33);

        var upstream = UpstreamToolName.For(name);

        Assert.Equal(upstream, UpstreamToolName.For(name));
        Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", upstream);
        Assert.StartsWith("mcp__sss", upstream);
        Assert.NotEqual(upstream, UpstreamToolName.For(name + "2"));
        Assert.Equal("get_weather", UpstreamToolName.For("get_weather"));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
