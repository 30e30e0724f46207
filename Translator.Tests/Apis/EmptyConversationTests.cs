using System.Net;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// A conversation Anthropic would refuse for its content is refused here, in Anthropic's words, before
/// the upstream sees it: forwarded, an all-empty one became <c>messages: []</c>, which OpenAI refuses in
/// its own words, and a reordered tool loop came back in OpenAI's words too.
/// </summary>
public sealed class EmptyConversationTests(EmptyConversationTests.Fixture fixture) : IClassFixture<EmptyConversationTests.Fixture>
{
    private const string EmptyContent = "messages.0: all messages must have non-empty content except for the optional final assistant message";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture;

    public static IEnumerable<object[]> Conversations() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from row in new string[][]
        {
            ["""[{"role":"user","content":""},{"role":"assistant","content":""}]""", EmptyContent],
            ["""[{"role":"user","content":[]},{"role":"assistant","content":[]}]""", EmptyContent],
            ["""[{"role":"user","content":[{"type":"text","text":""}]},{"role":"assistant","content":""}]""", "messages: text content blocks must be non-empty"],
            [
                """[{"role":"user","content":"Read a.txt"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read","input":{}}]},{"role":"user","content":"Go on"},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a"}]}]""",
                "messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
            ],
        }
        select (object[])[dialect, stream, .. row];

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task A_conversation_anthropic_refuses_is_a_400_in_its_words_and_never_sent_upstream(string dialect, bool stream, string messages, string expected)
    {
        var upstream = UpstreamDialect.Of(dialect);
        // Were the request forwarded, it would get this answer and succeed.
        _upstream.Enqueue(stream ? upstream.Stream(new Answer("Hi.")) : upstream.Complete(new Answer("Hi.")));
        using var http = fixture.AppFor(upstream).CreateHttpClient();
        var body = $$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"stream":{{(stream ? "true" : "false")}},"messages":{{messages}}}""";

        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(expected, error.GetProperty("message").GetString());
        Assert.Empty(_upstream.Requests);
    }
}
