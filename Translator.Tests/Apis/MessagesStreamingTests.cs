using Anthropic;
using Anthropic.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// <c>stream:true</c> through the running app, what Claude Code and Amp always use, against an
/// upstream spoken to in either protocol.
/// </summary>
public sealed class MessagesStreamingTests(MessagesStreamingTests.Fixture fixture) : IClassFixture<MessagesStreamingTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Streaming:PingInterval"] = "00:00:00.250",
            ["Translator:Limits:MaxSseLineBytes"] = "65536",
        };
    }

    private const string ToolsJson = """
        "tools":[{"name":"get_weather","description":"Weather of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 {"name":"get_time","description":"Time of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]
        """;

    public static TheoryData<string, string> ScenariosByDialect => new()
    {
        { "chat", "text" }, { "chat", "tools" }, { "chat", "thinking" },
        { "responses", "text" }, { "responses", "tools" }, { "responses", "thinking" },
    };

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    [Theory]
    [MemberData(nameof(ScenariosByDialect))]
    public async Task The_accumulated_stream_equals_the_non_streamed_answer(string dialect, string scenario)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = scenario switch
        {
            "text" => new Answer("Hello there, friend.", Input: 120, Output: 5, Cached: 100),
            "tools" => new Answer("Let me look.", ToolCalls: [new("call_a", "get_weather", """{"city":"Paris"}"""), new("call_b", "get_time", """{"city":"Paris"}""")], Input: 200, Output: 30),
            _ => new Answer("It is 4.", Reasoning: "Two plus two is four.", Input: 20, Output: 12),
        };
        _upstream.Enqueue(upstream.Complete(answer));
        _upstream.Enqueue(upstream.Stream(answer));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();
        var body = $$$"""{"model":"claude-sonnet-4-5","max_tokens":2048,"thinking":{"type":"adaptive"},{{{ToolsJson}}},"messages":[{"role":"user","content":"Weather and time in Paris?"}]}""";

        var complete = await client.Messages.Create(Requests.Params(body));
        var streamed = await client.Messages.CreateStreaming(Requests.Params(body.Replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""))).Aggregate();

        Assert.Equal(MessageShape.Of(complete), MessageShape.Of(streamed));
        Assert.Equal("claude-sonnet-4-5", streamed.Model.Raw());
        Assert.Equal(answer.Input - answer.Cached, streamed.Usage.InputTokens);
        Assert.True(_upstream.LastRequest.GetProperty("stream").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Streams_a_two_turn_tool_loop_with_the_sdk(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Stream(new Answer("Checking.", ToolCalls: [new("call_w1", "get_weather", """{"city":"Paris"}""")], Input: 50, Output: 20)));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var first = await client.Messages.CreateStreaming(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":500,"stream":true,{{{ToolsJson}}},"messages":[{"role":"user","content":"Weather in Paris?"}]}
            """)).Aggregate();

        Assert.Equal("tool_use", first.StopReason!.Raw());
        Assert.True(first.Content[1].TryPickToolUse(out var call));
        Assert.Equal("Paris", call.Input["city"].GetString());

        _upstream.Enqueue(upstream.Stream(new Answer("Sunny, 21°C.", Input: 80, Output: 6)));
        var second = await client.Messages.CreateStreaming(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":500,"stream":true,{{{ToolsJson}}},"messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"{{{call.ID}}}","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{call.ID}}}","content":"sunny, 21C"}]}]}
            """)).Aggregate();

        Assert.True(second.Content[0].TryPickText(out var text));
        Assert.Equal("Sunny, 21°C.", text.Text);
        Assert.Equal(80, second.Usage.InputTokens);
        Assert.Contains("call_w1", _upstream.LastRequest.GetRawText());
    }

    public static TheoryData<string, string> ClaudeCodeRequestsByDialect => new()
    {
        { "chat", "claude-code-2.1.328-request-first-turn.json" }, { "chat", "claude-code-2.1.328-request-tool-result-turn.json" },
        { "responses", "claude-code-2.1.328-request-first-turn.json" }, { "responses", "claude-code-2.1.328-request-tool-result-turn.json" },
    };

    [Theory]
    [MemberData(nameof(ClaudeCodeRequestsByDialect))]
    public async Task Streams_the_recorded_claude_code_requests(string dialect, string fixtureName)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Stream(new Answer("hi there", Reasoning: "The user wants a shell command.", Input: 9000, Output: 40, Cached: 8000)));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await client.Messages.CreateStreaming(Requests.Params(RecordedFixtures.Json(fixtureName).GetProperty("body"))).Aggregate();

        Assert.Equal("claude-opus-5-5", message.Model.Raw());
        Assert.True(message.Content[0].TryPickThinking(out _));
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("hi there", text.Text);
        Assert.Equal(1000, message.Usage.InputTokens);
        Assert.Equal(8000, message.Usage.CacheReadInputTokens);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_first_event_reaches_the_client_before_the_upstream_finishes(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var release = new TaskCompletionSource();
        var answer = new Answer("Hello", Input: 3, Output: 2);
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Until(release.Task), upstream.Text("lo"), .. upstream.End(answer)]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var first = await sse.NextMatchingAsync(e => e.DeltaType == "text_delta");

        Assert.False(release.Task.IsCompleted);
        Assert.Equal("text/event-stream", sse.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("req_", sse.Response.Headers.GetValues("request-id").Single());
        Assert.Equal("gpt-5.4", sse.Response.Headers.GetValues("x-upstream-model").Single());
        Assert.Equal("Hel", first.Data.GetProperty("delta").GetProperty("text").GetString());

        release.SetResult();
        var events = await sse.ReadToEndAsync();
        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("message_stop", events[^1].Name);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Sends_pings_while_the_upstream_is_silent(string dialect)
    {
        // The pings run on the translator's clock, a fake one that a pump moves one ping interval
        // at a time: a busy test host slows the test down but cannot change what it sees.
        var clock = new FakeTimeProvider();
        await using var app = new TranslatorApp(
            _upstream.BaseUrl,
            new Dictionary<string, string?> { ["Translator:Upstream:Protocol"] = dialect, ["Translator:Streaming:PingInterval"] = "00:00:00.250", ["Translator:Upstream:IdleTimeout"] = "01:00:00" },
            services => services.AddSingleton<TimeProvider>(clock));
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("Thought long.", Input: 3, Output: 2);
        var thinking = new TaskCompletionSource();
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), SseStep.QuietUntil(thinking.Task), .. upstream.Body(answer), .. upstream.End(answer)]));
        using var http = app.CreateHttpClient();
        using var pumping = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            while (!pumping.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromMilliseconds(250));
                await Task.Delay(10);
            }
        });

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        await sse.NextMatchingAsync(e => e.Name == "ping");
        await sse.NextMatchingAsync(e => e.Name == "ping");
        await sse.NextMatchingAsync(e => e.Name == "ping");
        await sse.NextMatchingAsync(e => e.Name == "ping");
        await pumping.CancelAsync();
        await pump;
        thinking.SetResult();
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.True(events.TakeWhile(e => e.DeltaType != "text_delta").Count(e => e.Name == "ping") >= 4, string.Join(", ", events));
        Assert.Equal("message_stop", events[^1].Name);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_client_disconnect_cancels_the_upstream_request(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var model = "claude-disconnect-" + dialect;
        using var recorder = new OperationRecorder();
        var never = new TaskCompletionSource();
        var reply = _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Until(never.Task)]));
        var http = fixture.AppFor(upstream).CreateHttpClient();

        var sse = await SseClient.PostAsync(http, Requests.Simple(model: model, stream: true));
        await sse.NextMatchingAsync(e => e.DeltaType == "text_delta");
        // Going away closes the socket (disposing only the response would let the handler drain it).
        await sse.DisposeAsync();
        http.Dispose();

        // The translator ended the call as the client's leaving, and the upstream, which would
        // otherwise answer for ever, saw its request aborted. The bound only guards against a hang.
        var (spans, _) = await recorder.EndedAsync(model);
        Assert.Equal("client_disconnected", Assert.Single(spans).GetTagItem("error.type"));
        await reply.Aborted.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task An_upstream_that_breaks_off_mid_stream_ends_the_stream_with_an_error_event(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Raw("data: {\"type\":\"respo"), SseStep.Delay(TimeSpan.FromMilliseconds(300)), SseStep.Drop]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("error api_error", events[^1].ToString());
        Assert.DoesNotContain(events, e => e.Name == "message_stop");
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task An_error_the_upstream_reports_mid_stream_never_shows_the_upstream_key(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), upstream.Error(401, "Incorrect API key provided: upstream-secret-key.")]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("error", events[^1].Name);
        var message = events[^1].Data.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("Incorrect API key provided: [redacted].", message);
        Assert.DoesNotContain("upstream-secret-key", message);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task An_upstream_line_longer_than_the_limit_ends_the_stream_with_an_error_and_closes_the_upstream(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var never = new TaskCompletionSource();
        var reply = _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Raw("data: {\"endless\":\"" + new string('x', 200_000)), SseStep.Until(never.Task)]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("error api_error", events[^1].ToString());
        Assert.Contains("Translator:Limits:MaxSseLineBytes", events[^1].Data.GetProperty("error").GetProperty("message").GetString());
        await reply.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public static TheoryData<string, bool> EndingsByDialect => new() { { "chat", true }, { "chat", false }, { "responses", true }, { "responses", false } };

    [Theory]
    [MemberData(nameof(EndingsByDialect))]
    public async Task A_malformed_or_unfinished_upstream_stream_ends_with_an_error_event_the_sdk_raises(string dialect, bool malformed)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var ending = malformed ? [SseStep.Raw("data: {not json}\n\n")] : upstream.EndWithoutFinishing();
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), .. ending]));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        await Assert.ThrowsAnyAsync<AnthropicException>(() => client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))).Aggregate());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task An_upstream_failure_before_the_stream_begins_is_an_http_error(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(UpstreamReply.Error(429, "Slow down", "rate_limit_exceeded", ("retry-after", "3")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var exception = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))).Aggregate());

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, exception.StatusCode);
    }

    public void Dispose() => _upstream.AssertNoViolations();
}
