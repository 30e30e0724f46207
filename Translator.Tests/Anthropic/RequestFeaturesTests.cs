using System.Reflection;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Tests.Architecture;

namespace Translator.Tests.Anthropic;

/// <summary>The table of what the translator does with each part of a request, and the page made from it.</summary>
public sealed class RequestFeaturesTests
{
    [Fact]
    public void The_request_fields_page_is_the_table_as_generated()
    {
        var page = Path.Combine(LayoutTests.RepositoryRoot(), "docs", "request-fields.md");
        var expected = RequestFeatures.Markdown();

        // CCX_WRITE_REQUEST_FIELDS=1 writes the page after a change to the table.
        if (Environment.GetEnvironmentVariable("CCX_WRITE_REQUEST_FIELDS") == "1")
        {
            File.WriteAllText(page, expected);
        }

        Assert.True(File.Exists(page), "docs/request-fields.md is missing; run this test with CCX_WRITE_REQUEST_FIELDS=1.");
        Assert.Equal(expected, File.ReadAllText(page).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Every_top_level_field_the_request_reads_is_in_the_table()
    {
        var declared = typeof(MessagesRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(MessagesRequest.OtherFields))
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .ToList();

        Assert.Contains("max_tokens", declared);
        Assert.All(declared, name => Assert.True(RequestFeatures.TopLevel(name) is not null, $"{name} is not in RequestFeatures"));
    }

    [Theory]
    [InlineData("""{"top_k":5,"service_tier":"auto","inference_geo":"us"}""", new[] { "top_k", "service_tier", "inference_geo" })]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"},"citations":{"enabled":true}}]}]}""", new[] { "citations" })]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"},"citations":{"enabled":false}}]}]}""", new string[0])]
    [InlineData("""{"metadata":{"user_id":"u"},"context_management":{"edits":[]}}""", new string[0])]
    public void Names_the_dropped_parts_a_request_holds(string fields, string[] expected)
    {
        var request = JsonSerializer.Deserialize(fields, AnthropicJsonContext.Default.MessagesRequest)!;

        Assert.Equal(expected, RequestFieldsValidator.Dropped(request));
    }

    [Fact]
    public void Finds_the_top_level_fields_the_table_does_not_know()
    {
        var request = JsonSerializer.Deserialize("""{"model":"m","service_tier":"auto","speed_boost":true}""", AnthropicJsonContext.Default.MessagesRequest)!;

        Assert.Equal(["speed_boost"], RequestFieldsValidator.Unknown(request));
    }
}
