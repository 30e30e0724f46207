using System.Net;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Forwarding;

/// <summary>
/// A lone UTF-16 surrogate, escaped in the request's JSON (an MCP server that cuts a description mid-emoji,
/// written by JSON.stringify), goes upstream as U+FFFD: UTF-8 cannot carry it, and writing it failed with a 500.
/// </summary>
public sealed class LoneSurrogateTests(LoneSurrogateTests.Fixture fixture) : IClassFixture<LoneSurrogateTests.Fixture>, IDisposable
{
    private const string Lone = @"\ud83c";

    /// <summary>A valid pair (🎉), escaped as JSON.stringify would not but other clients do.</summary>
    private const string Pair = @"\ud83c\udf89";

    private static readonly string[] Places = ["system", "user text", "tool description", "tool input_schema", "tool_result", "tool_use input", "thinking"];

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture;

    public static IEnumerable<object[]> Cases() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from place in Places
        select new object[] { dialect, stream, place };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_lone_surrogate_goes_upstream_as_a_replacement_character_and_a_pair_is_kept(string dialect, bool stream, string place)
    {
        var upstreamDialect = UpstreamDialect.Of(dialect);
        var answer = new Answer("ok");
        _upstream.Enqueue(stream ? upstreamDialect.Stream(answer) : upstreamDialect.Complete(answer));
        using var http = fixture.AppFor(upstreamDialect).CreateHttpClient();

        using var response = await Post(http, "/v1/messages", RequestWith(place, stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _upstream.AssertNoViolations();
        var sent = StringsIn(_upstream.LastRequest).ToList();
        Assert.DoesNotContain(sent, s => s.Any(char.IsSurrogate) && !s.Contains("🎉", StringComparison.Ordinal));
        Assert.Contains(sent, s => s.Contains("user 🎉", StringComparison.Ordinal));
        // The translator drops a thinking block it did not sign; everything else reaches the upstream.
        if (place != "thinking")
        {
            Assert.Contains(sent, s => s.Contains(place + " x\uFFFDy", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Count_tokens_counts_a_request_with_a_lone_surrogate(string dialect, bool stream, string place)
    {
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        using var response = await Post(http, "/v1/messages/count_tokens", RequestWith(place, stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("input_tokens").GetInt64();
        Assert.True(tokens > 0);
        Assert.Empty(_upstream.Requests);
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string body) =>
        http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>A request that holds each place's text; only <paramref name="place"/>'s has a lone surrogate.</summary>
    private static string RequestWith(string place, bool stream)
    {
        string Text(string name) => name + " x" + (name == place ? Lone : "") + "y";
        return $$$"""
            {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":{{{(stream ? "true" : "false")}}},
             "system":"{{{Text("system")}}}",
             "tools":[{"name":"lookup","description":"{{{Text("tool description")}}}",
                       "input_schema":{"type":"object","properties":{"q":{"type":"string","description":"{{{Text("tool input_schema")}}}"} } } }],
             "messages":[
              {"role":"user","content":[{"type":"text","text":"{{{Text("user text")}}} user {{{Pair}}}"}]},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"{{{Text("thinking")}}}","signature":"c2lnbmF0dXJl"},
                {"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"{{{Text("tool_use input")}}}"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"{{{Text("tool_result")}}}"}]}]}
            """;
    }

    /// <summary>Every string the upstream received, including those inside JSON-encoded strings (Chat's tool arguments).</summary>
    private static IEnumerable<string> StringsIn(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var s in StringsIn(property.Value))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var s in StringsIn(item))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                yield return text;
                if (text.StartsWith('{'))
                {
                    using var document = JsonDocument.Parse(text);
                    foreach (var s in StringsIn(document.RootElement.Clone()))
                    {
                        yield return s;
                    }
                }

                break;
        }
    }
}
