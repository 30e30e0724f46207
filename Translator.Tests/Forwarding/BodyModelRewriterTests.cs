using System.Text;
using Translator.Api.Forwarding;

namespace Translator.Tests.Forwarding;

/// <summary>The Claude route sends the client's body as it came: only the top-level <c>model</c> is set, every other byte kept.</summary>
public sealed class BodyModelRewriterTests
{
    [Fact]
    public void Only_the_top_level_model_changes_and_every_other_byte_stays()
    {
        const string Body = """
            {"metadata":{"model":"not this one"},  "model" : "claude-opus-4-5" ,"messages":[{"role":"user","content":[{"type":"tool_result","content":"{\"model\":\"nor this\"}"}]}],
             "max_tokens":1024}
            """;

        var rewritten = Rewrite(Body, "claude-opus-4-5-20251101");

        Assert.Equal(Body.Replace("\"model\" : \"claude-opus-4-5\"", "\"model\" : \"claude-opus-4-5-20251101\"", StringComparison.Ordinal), rewritten);
    }

    [Fact]
    public void A_name_with_characters_json_escapes_stays_one_valid_string()
    {
        var rewritten = Rewrite("""{"model":"a","max_tokens":1}""", "odd\"name\\é");

        Assert.Equal("odd\"name\\é", System.Text.Json.JsonDocument.Parse(rewritten).RootElement.GetProperty("model").GetString());
        Assert.EndsWith(""","max_tokens":1}""", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_without_a_top_level_model_is_sent_as_it_is()
    {
        const string Body = """{"metadata":{"model":"x"},"max_tokens":1}""";

        Assert.Equal(Body, Rewrite(Body, "claude-opus-4-5"));
    }

    private static string Rewrite(string body, string model) =>
        Encoding.UTF8.GetString(BodyModelRewriter.Rewrite(Encoding.UTF8.GetBytes(body), model).Span);
}
