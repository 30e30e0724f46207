using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Apis;

/// <summary><c>stream:true</c> through the running app: what Claude Code and Amp always use.</summary>
public sealed class MessagesStreamingTests(MessagesStreamingTests.Fixture fixture) : IClassFixture<MessagesStreamingTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : TranslatorFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Streaming:PingInterval"] = "00:00:00.250",
        };

        public ScriptedUpstream ResetUpstream()
        {
            Upstream.Reset();
            return Upstream;
        }
    }

    private const string ToolsJson = """
        "tools":[{"name":"get_weather","description":"Weather of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 {"name":"get_time","description":"Time of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]
        """;

    public static TheoryData<string> Scenarios => ["text", "tools", "thinking"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_accumulated_stream_equals_the_non_streamed_answer(string scenario)
    {
        var (completion, chunks) = Scenario(scenario);
        _upstream.Enqueue(UpstreamReply.Json(completion));
        _upstream.Enqueue(Stream(chunks));
        var client = fixture.App.CreateAnthropicClient();
        var body = $$$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{{ToolsJson}}},"messages":[{"role":"user","content":"Weather and time in Paris?"}]}""";

        var complete = await client.Messages.Create(Requests.Params(body));
        var streamed = await client.Messages.CreateStreaming(Requests.Params(body.Replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""))).Aggregate();

        Assert.Equal(MessageShape.Of(complete), MessageShape.Of(streamed));
        Assert.Equal("claude-sonnet-4-5", streamed.Model.Raw());
        var streamedRequest = _upstream.Requests.Last();
        Assert.True(streamedRequest.GetProperty("stream").GetBoolean());
        Assert.True(streamedRequest.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task Streams_a_two_turn_tool_loop_with_the_sdk()
    {
        _upstream.Enqueue(Stream(
            TextChunk("Checking."),
            ToolCallChunk(0, "call_w1", "get_weather", ""),
            ToolCallChunk(0, null, null, "{\"city\":"),
            ToolCallChunk(0, null, null, "\"Paris\"}"),
            FinishChunk("tool_calls"),
            UsageChunk(50, 20)));
        var client = fixture.App.CreateAnthropicClient();

        var first = await client.Messages.CreateStreaming(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":500,"stream":true,{{{ToolsJson}}},"messages":[{"role":"user","content":"Weather in Paris?"}]}
            """)).Aggregate();

        Assert.Equal("tool_use", first.StopReason!.Raw());
        Assert.True(first.Content[1].TryPickToolUse(out var call));
        Assert.Equal("Paris", call.Input["city"].GetString());

        _upstream.Enqueue(Stream(TextChunk("Sunny, 21°C."), FinishChunk("stop"), UsageChunk(80, 6)));
        var second = await client.Messages.CreateStreaming(Requests.Params($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":500,"stream":true,{{{ToolsJson}}},"messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"{{{call.ID}}}","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{call.ID}}}","content":"sunny, 21C"}]}]}
            """)).Aggregate();

        Assert.True(second.Content[0].TryPickText(out var text));
        Assert.Equal("Sunny, 21°C.", text.Text);
        Assert.Equal(80, second.Usage.InputTokens);
        var messages = _upstream.LastRequest.GetProperty("messages");
        Assert.Equal("call_w1", messages[2].GetProperty("tool_call_id").GetString());
    }

    [Theory]
    [InlineData("claude-code-2.1.328-request-first-turn.json")]
    [InlineData("claude-code-2.1.328-request-tool-result-turn.json")]
    public async Task Streams_the_recorded_claude_code_requests(string fixtureName)
    {
        _upstream.Enqueue(Stream(ReasoningChunk("The user wants a shell command."), TextChunk("hi there"), FinishChunk("stop"), UsageChunk(9000, 40, cachedTokens: 8000)));
        var client = fixture.App.CreateAnthropicClient();

        var message = await client.Messages.CreateStreaming(Requests.Params(SharedFixtures.Json(fixtureName).GetProperty("body"))).Aggregate();

        Assert.Equal("claude-opus-5-5", message.Model.Raw());
        Assert.True(message.Content[0].TryPickThinking(out _));
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("hi there", text.Text);
        Assert.Equal(1000, message.Usage.InputTokens);
        Assert.Equal(8000, message.Usage.CacheReadInputTokens);
    }

    [Fact]
    public async Task The_first_event_reaches_the_client_before_the_upstream_finishes()
    {
        var release = new TaskCompletionSource();
        _upstream.Enqueue(UpstreamReply.Sse(SseStep.Data(TextChunk("Hel")), SseStep.Until(release.Task), SseStep.Data(TextChunk("lo")), SseStep.Data(FinishChunk("stop")), SseStep.Data(UsageChunk(3, 2)), SseStep.Done));
        using var http = fixture.App.CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var first = await sse.NextMatchingAsync(e => e.DeltaType == "text_delta");

        Assert.False(release.Task.IsCompleted);
        Assert.Equal("text/event-stream", sse.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("req_", sse.Response.Headers.GetValues("request-id").Single());
        Assert.Equal("gpt-5.1-codex", sse.Response.Headers.GetValues("x-upstream-model").Single());
        Assert.Equal("Hel", first.Data.GetProperty("delta").GetProperty("text").GetString());

        release.SetResult();
        var events = await sse.ReadToEndAsync();
        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("message_stop", events[^1].Name);
    }

    [Fact]
    public async Task Sends_pings_while_the_upstream_is_silent()
    {
        _upstream.Enqueue(UpstreamReply.Sse(SseStep.Delay(TimeSpan.FromSeconds(1.3)), SseStep.Data(TextChunk("Thought long.")), SseStep.Data(FinishChunk("stop")), SseStep.Data(UsageChunk(3, 2)), SseStep.Done));
        using var http = fixture.App.CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        var firstText = events.FindIndex(e => e.DeltaType == "text_delta");
        // One ping right after message_start, then one per 250 ms of silence.
        Assert.True(events.Take(firstText).Count(e => e.Name == "ping") >= 4, string.Join(", ", events));
    }

    [Fact]
    public async Task A_client_disconnect_cancels_the_upstream_request()
    {
        var never = new TaskCompletionSource();
        var reply = _upstream.Enqueue(UpstreamReply.Sse(SseStep.Data(TextChunk("Hel")), SseStep.Until(never.Task)));
        var http = fixture.App.CreateHttpClient();

        var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        await sse.NextMatchingAsync(e => e.DeltaType == "text_delta");
        // Going away closes the socket (disposing only the response would let the handler drain it).
        await sse.DisposeAsync();
        http.Dispose();

        // At once: a drained connection (HttpClient's default) would hold the upstream for ~2 s.
        await reply.Aborted.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_upstream_that_breaks_off_mid_stream_ends_the_stream_with_an_error_event()
    {
        _upstream.Enqueue(UpstreamReply.Sse(SseStep.Data(TextChunk("Hel")), SseStep.Raw("data: {\"choices\":[{\"index\":0,\"del"), SseStep.Delay(TimeSpan.FromMilliseconds(300)), SseStep.Drop));
        using var http = fixture.App.CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("error api_error", events[^1].ToString());
        Assert.DoesNotContain(events, e => e.Name == "message_stop");
    }

    [Theory]
    [InlineData("data: {not json}\n\n")]
    [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\ndata: [DONE]\n\n")]
    public async Task A_malformed_or_unfinished_upstream_stream_ends_with_an_error_event_the_sdk_raises(string tail)
    {
        _upstream.Enqueue(UpstreamReply.Sse(SseStep.Data(TextChunk("Hel")), SseStep.Raw(tail)));
        var client = fixture.App.CreateAnthropicClient();

        await Assert.ThrowsAnyAsync<AnthropicException>(() => client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))).Aggregate());
    }

    [Fact]
    public async Task An_upstream_failure_before_the_stream_begins_is_an_http_error()
    {
        _upstream.Enqueue(UpstreamReply.Error(429, "Slow down", "rate_limit_exceeded", ("retry-after", "3")));
        var client = fixture.App.CreateAnthropicClient();

        var exception = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))).Aggregate());

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, exception.StatusCode);
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static (string Completion, string[] Chunks) Scenario(string name) => name switch
    {
        "text" => (
            Completion("Hello there, friend.", promptTokens: 120, completionTokens: 5, cachedTokens: 100),
            [TextChunk("Hello"), TextChunk(" there,"), TextChunk(" friend."), FinishChunk("stop"), UsageChunk(120, 5, 100)]),
        "tools" => (
            Completion("Let me look.", "tool_calls", new JsonArray(ToolCall("call_a", "get_weather", """{"city":"Paris"}"""), ToolCall("call_b", "get_time", """{"city":"Paris"}""")), promptTokens: 200, completionTokens: 30),
            [TextChunk("Let me look."), ToolCallChunk(0, "call_a", "get_weather", ""), ToolCallChunk(0, null, null, "{\"city\""), ToolCallChunk(0, null, null, ":\"Paris\"}"),
             ToolCallChunk(1, "call_b", "get_time", "{\"city\":\"Paris\"}"), FinishChunk("tool_calls"), UsageChunk(200, 30)]),
        "thinking" => (
            Completion("It is 4.", reasoningContent: "Two plus two is four.", promptTokens: 20, completionTokens: 12),
            [ReasoningChunk("Two plus two"), ReasoningChunk(" is four."), TextChunk("It is 4."), FinishChunk("stop"), UsageChunk(20, 12)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
