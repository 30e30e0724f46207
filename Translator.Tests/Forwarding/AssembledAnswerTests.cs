using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Forwarding;

/// <summary>
/// With <c>Translator:Upstream:AlwaysStream</c> (the default) a client that asks for a complete
/// answer still gets one, while the upstream call streams: no request waits for a whole answer
/// before its headers, which a proxy with a fixed request limit (Azure Container Apps' ingress,
/// 240 s) would cut. The answer is the one a complete upstream call gives, on both protocols.
/// </summary>
public sealed class AssembledAnswerTests(AssembledAnswerTests.Fixture fixture) : IClassFixture<AssembledAnswerTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly Dictionary<(string Protocol, bool AlwaysStream), TranslatorApp> _apps = [];

        public ScriptedUpstream Upstream { get; private set; } = null!;

        public TranslatorApp App(string protocol, bool alwaysStream) => _apps[(protocol, alwaysStream)];

        public ScriptedUpstream ResetUpstream()
        {
            Upstream.Reset();
            return Upstream;
        }

        public async Task InitializeAsync()
        {
            Upstream = await ScriptedUpstream.StartAsync();
            foreach (var protocol in new[] { "chat", "responses" })
            {
                foreach (var alwaysStream in new[] { false, true })
                {
                    _apps[(protocol, alwaysStream)] = new TranslatorApp(Upstream.BaseUrl, new Dictionary<string, string?>
                    {
                        ["Translator:Upstream:Protocol"] = protocol,
                        ["Translator:Upstream:AlwaysStream"] = alwaysStream ? "true" : "false",
                    });
                }
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var app in _apps.Values)
            {
                await app.DisposeAsync();
            }

            await Upstream.DisposeAsync();
        }
    }

    public static TheoryData<string, string> Answers()
    {
        var data = new TheoryData<string, string>();
        foreach (var protocol in new[] { "chat", "responses" })
        {
            foreach (var answer in AnswerNames)
            {
                data.Add(protocol, answer);
            }
        }

        return data;
    }

    private static readonly string[] AnswerNames = ["text", "thinking and text", "thinking omitted and text", "thinking and tool calls", "text and a tool call, thinking off"];

    private static (Answer Answer, string? Thinking) Scripted(string name) => name switch
    {
        "text" => (new Answer("Hello there, \"quoted\" and ünïcode ✓.", Input: 120, Output: 9, Cached: 64), null),
        "thinking and text" => (new Answer("The answer is 42.", Reasoning: "Let me think about it step by step.", Input: 300, Output: 50), "summarized"),
        "thinking omitted and text" => (new Answer("The answer is 42.", Reasoning: "Thought I will not show.", Input: 300, Output: 50), "omitted"),
        "thinking and tool calls" => (new Answer(null, "I need the weather in two places.",
            [new ToolCallAnswer("call_a", "get_weather", """{"city":"Paris","days":[1,2]}"""), new ToolCallAnswer("call_b", "get_weather", """{"city":"Oslo"}""")],
            Input: 500, Output: 80, Cached: 256), "summarized"),
        _ => (new Answer("Checking.", Reasoning: "hidden", ToolCalls: [new ToolCallAnswer("call_c", "get_weather", """{"city":"Rome"}""")]), null),
    };

    [Fact]
    public void Translated_calls_stream_from_the_upstream_unless_configured_otherwise() =>
        Assert.True(new Translator.Api.Configuration.UpstreamOptions().AlwaysStream);

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_complete_answer_assembled_from_a_streamed_call_is_the_answer_of_a_complete_call(string protocol, string name)
    {
        var (answer, thinking) = Scripted(name);
        var dialect = UpstreamDialect.Of(protocol);

        _upstream.Enqueue(dialect.Complete(answer));
        var (todayStatus, today) = await PostAsync(fixture.App(protocol, alwaysStream: false), Request(thinking));
        _upstream.Enqueue(dialect.Stream(answer));
        var (assembledStatus, assembled) = await PostAsync(fixture.App(protocol, alwaysStream: true), Request(thinking));

        Assert.Equal(HttpStatusCode.OK, todayStatus);
        Assert.Equal(HttpStatusCode.OK, assembledStatus);
        Assert.StartsWith("msg_", assembled["id"]!.GetValue<string>(), StringComparison.Ordinal);
        today.Remove("id");
        assembled.Remove("id");
        Assert.Equal(today.ToJsonString(), assembled.ToJsonString());

        var sent = _upstream.Requests.ToArray();
        Assert.False(sent[0].TryGetProperty("stream", out _), "today's call asks for a complete answer");
        Assert.True(sent[1].GetProperty("stream").GetBoolean(), "the assembled call streams");
    }

    [Theory]
    [InlineData("chat", "max_tokens under 16")]
    [InlineData("responses", "max_tokens under 16")]
    [InlineData("chat", "structured output")]
    [InlineData("responses", "structured output")]
    [InlineData("chat", "stop sequence")]
    [InlineData("responses", "stop sequence")]
    public async Task What_the_translator_changes_in_an_answer_is_changed_the_same_when_assembled_as_when_complete(string protocol, string name)
    {
        var (body, answer) = name switch
        {
            "max_tokens under 16" => ("""{"model":"claude-sonnet-4-5","max_tokens":1,"stream":false,"messages":[{"role":"user","content":"Hi"}]}""",
                new Answer("Hello there, how are you today?", Output: 8)),
            "stop sequence" => ("""{"model":"claude-sonnet-4-5","max_tokens":1024,"stream":false,"stop_sequences":["END"],"messages":[{"role":"user","content":"Hi"}]}""",
                new Answer("Hello there. END and more after it.", Output: 10)),
            _ => ("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":false,"messages":[{"role":"user","content":"Who?"}],
                 "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name"]}}}}
                """, new Answer("""{"name":"Ada","age":null}""", Output: 9)),
        };
        var dialect = UpstreamDialect.Of(protocol);

        _upstream.Enqueue(dialect.Complete(answer));
        var (todayStatus, today) = await PostAsync(fixture.App(protocol, alwaysStream: false), body);
        _upstream.Enqueue(dialect.Stream(answer));
        var (assembledStatus, assembled) = await PostAsync(fixture.App(protocol, alwaysStream: true), body);

        Assert.Equal(HttpStatusCode.OK, todayStatus);
        Assert.Equal(HttpStatusCode.OK, assembledStatus);
        Assert.NotEqual(answer.Text, today["content"]![0]!["text"]!.GetValue<string>());
        today.Remove("id");
        assembled.Remove("id");
        if (name == "stop sequence")
        {
            // The assembled call is closed at the match, before the upstream reports usage: the input is the translator's count.
            Assert.True(assembled["usage"]!["input_tokens"]!.GetValue<int>() > 0);
            today.Remove("usage");
            assembled.Remove("usage");
        }

        Assert.Equal(today.ToJsonString(), assembled.ToJsonString());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task An_upstream_error_before_the_stream_is_answered_as_a_complete_call_answers_it(string protocol)
    {
        _upstream.Enqueue(UpstreamReply.Error(429, "Rate limit reached for requests", "rate_limit_exceeded", ("retry-after", "7")));
        var (todayStatus, today) = await PostAsync(fixture.App(protocol, alwaysStream: false), Request(thinking: null));
        _upstream.Enqueue(UpstreamReply.Error(429, "Rate limit reached for requests", "rate_limit_exceeded", ("retry-after", "7")));
        var (assembledStatus, assembled) = await PostAsync(fixture.App(protocol, alwaysStream: true), Request(thinking: null));

        Assert.Equal(HttpStatusCode.TooManyRequests, todayStatus);
        Assert.Equal(todayStatus, assembledStatus);
        today.Remove("request_id");
        assembled.Remove("request_id");
        Assert.Equal(today.ToJsonString(), assembled.ToJsonString());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task An_upstream_error_mid_stream_is_a_complete_error_answer_with_the_error_a_streaming_client_gets(string protocol)
    {
        var dialect = UpstreamDialect.Of(protocol);
        SseStep[] failing = [.. dialect.Begin(), dialect.Text("Half an ans"), dialect.Error(500, "The server had an error while processing your request.")];

        _upstream.Enqueue(UpstreamReply.Sse(failing));
        using var http = fixture.App(protocol, alwaysStream: true).CreateHttpClient();
        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var streamed = (await sse.ReadToEndAsync()).Single(e => e.Name == "error").Data.GetProperty("error");
        _upstream.Enqueue(UpstreamReply.Sse(failing));
        var (status, assembled) = await PostAsync(fixture.App(protocol, alwaysStream: true), Request(thinking: null));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("error", assembled["type"]!.GetValue<string>());
        Assert.Equal(streamed.GetProperty("type").GetString(), assembled["error"]!["type"]!.GetValue<string>());
        Assert.Equal(streamed.GetProperty("message").GetString(), assembled["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task An_upstream_error_mid_stream_that_quotes_the_upstream_key_is_answered_without_it(string protocol)
    {
        var dialect = UpstreamDialect.Of(protocol);
        _upstream.Enqueue(UpstreamReply.Sse([.. dialect.Begin(), dialect.Text("Half an ans"), dialect.Error(401, "Incorrect API key provided: upstream-secret-key.")]));

        var (status, assembled) = await PostAsync(fixture.App(protocol, alwaysStream: true), Request(thinking: null));

        Assert.False((int)status is >= 200 and < 300);
        Assert.Contains("Incorrect API key provided: [redacted].", assembled["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("upstream-secret-key", assembled.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task A_stream_that_breaks_off_is_the_bad_gateway_a_broken_complete_answer_gets(string protocol)
    {
        var dialect = UpstreamDialect.Of(protocol);
        // The pause lets the headers and the text reach the translator before the connection goes, as in MessagesStreamingTests.
        _upstream.Enqueue(UpstreamReply.Sse([.. dialect.Begin(), dialect.Text("Half an ans"), SseStep.Delay(TimeSpan.FromMilliseconds(300)), SseStep.Drop]));

        var (status, assembled) = await PostAsync(fixture.App(protocol, alwaysStream: true), Request(thinking: null));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("The upstream connection broke off before the answer was complete.", assembled["error"]!["message"]!.GetValue<string>());
    }

    public void Dispose() => _upstream.AssertNoViolations();

    /// <param name="thinking">The thinking display asked for; null for thinking off.</param>
    private static string Request(string? thinking)
    {
        var request = new JsonObject
        {
        ["model"] = "claude-sonnet-4-5",
        ["max_tokens"] = 4096,
        ["stream"] = false,
        ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 2048, ["display"] = thinking },
        ["tools"] = JsonNode.Parse("""[{"name":"get_weather","description":"The weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]"""),
        ["messages"] = JsonNode.Parse("""[{"role":"user","content":"What is the weather?"}]"""),
        };
        if (thinking is null)
        {
            request.Remove("thinking");
        }

        return request.ToJsonString();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(TranslatorApp app, string body)
    {
        using var http = app.CreateHttpClient();
        using var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
