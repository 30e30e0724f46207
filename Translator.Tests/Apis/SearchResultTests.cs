using System.Net;
using System.Text;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// <c>search_result</c> blocks (a client's own search, in a user turn or a tool's result) reach the
/// model as text that carries their title and source, on both protocols; no citations come back.
/// </summary>
public sealed class SearchResultTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private const string Result = """{"type":"search_result","source":"https://docs.example.com/aspire","title":"Aspire overview","content":[{"type":"text","text":"Aspire orchestrates services."},{"type":"text","text":"It ships a dashboard."}],"citations":{"enabled":true}}""";

    private const string AsText = "Search result: Aspire overview\nSource: https://docs.example.com/aspire\n\nAspire orchestrates services.\n\nIt ships a dashboard.";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_search_result_in_a_user_turn_reaches_the_model_as_text_with_its_title_and_source(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("Aspire orchestrates services.")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await client.Messages.Create(Requests.Params($$"""
            {"model":"claude-sonnet-4-5","max_tokens":200,"messages":[{"role":"user","content":[{{Result}},{"type":"text","text":"What does Aspire do?"}]}]}
            """));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Aspire orchestrates services.", text.Text);
        Assert.Contains(AsText, UserTexts(_upstream.LastRequest));
        Assert.Contains("What does Aspire do?", UserTexts(_upstream.LastRequest));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_search_result_a_tool_returned_reaches_the_model_in_the_tools_output(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer("Found it.")));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent("""
            {"model":"claude-sonnet-4-5","max_tokens":200,
             "tools":[{"name":"search_docs","description":"Searches the docs.","input_schema":{"type":"object","properties":{"query":{"type":"string"}}}}],
             "messages":[{"role":"user","content":"What does Aspire do?"},
                         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_s1","name":"search_docs","input":{"query":"aspire"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_s1","content":[RESULT]}]}]}
            """.Replace("RESULT", Result, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _upstream.LastRequest;
        var output = dialect == "chat"
            ? sent.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool").GetProperty("content").GetString()
            : sent.GetProperty("input").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "function_call_output").GetProperty("output").GetString();
        Assert.Equal(AsText, output);
    }

    /// <summary>Every text the request's user messages hold, in either protocol's shape.</summary>
    private static string UserTexts(System.Text.Json.JsonElement sent)
    {
        var messages = sent.TryGetProperty("messages", out var chat) ? chat : sent.GetProperty("input");
        return string.Join("\n", messages.EnumerateArray()
            .Where(m => m.TryGetProperty("role", out var role) && role.GetString() == "user")
            .Select(m => m.GetProperty("content"))
            .SelectMany(c => c.ValueKind == System.Text.Json.JsonValueKind.String ? [c.GetString()!] : c.EnumerateArray().Select(p => p.GetProperty("text").GetString()!)));
    }
}
