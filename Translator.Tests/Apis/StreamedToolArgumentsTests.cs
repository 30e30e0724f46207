using Anthropic;
using Anthropic.Exceptions;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// An Anthropic stream never closes a tool_use whose input does not parse: through the running app,
/// on both protocols, a call whose arguments are not a JSON object ends the stream with an error in
/// place of its content_block_stop, and a call cut by the token limit stops with max_tokens.
/// </summary>
public sealed class StreamedToolArgumentsTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public static TheoryData<string, string> BadArgumentsByDialect => new()
    {
        { "chat", "{\"city\":\"Par" },
        { "chat", "[1,2]" },
        { "responses", "{\"city\":\"Par" },
        { "responses", "[1,2]" },
    };

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(BadArgumentsByDialect))]
    public async Task A_finished_call_whose_arguments_are_not_an_object_ends_the_stream_with_an_error_in_place_of_its_block_stop(string dialect, string arguments)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Stream(WeatherCall(arguments)));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("error api_error", AnthropicEvents.Lines(events)[^1]);
        Assert.Contains("content_block_start 0 tool_use", AnthropicEvents.Lines(events));
        Assert.DoesNotContain(events, e => e.Name is "content_block_stop" or "message_delta" or "message_stop");
        Assert.Equal(
            "The model's call of tool get_weather had arguments that are not a JSON object; the stream was ended.",
            events[^1].Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_sdk_raises_the_error_rather_than_aggregating_a_tool_use_with_bad_input(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Stream(WeatherCall("{\"city\":\"Par")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var exception = await Assert.ThrowsAnyAsync<AnthropicException>(() => client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))).Aggregate());

        Assert.Contains("get_weather", exception.Message);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_call_with_whole_arguments_streams_and_aggregates_as_before(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Stream(WeatherCall("{\"city\":\"Paris\",\"days\":[1,2]}")));
        var client = fixture.AppFor(upstream).CreateAnthropicClient();

        var message = await client.Messages.CreateStreaming(Requests.Params(Requests.Simple(stream: true))).Aggregate();

        Assert.Equal("tool_use", message.StopReason?.Raw());
        Assert.True(message.Content.Single().TryPickToolUse(out var call));
        Assert.Equal("Paris", call.Input["city"].GetString());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_call_cut_by_the_token_limit_is_closed_and_stops_with_max_tokens(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = WeatherCall("{\"city\":\"Par");
        SseStep[] cut = dialect == "chat"
            ? [SseStep.Data(ChatReplies.FinishChunk("length")), SseStep.Data(ChatReplies.UsageChunk(40, 12)), SseStep.Done]
            : [SseStep.Event("""{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":40,"output_tokens":12}}}""")];
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), .. upstream.Body(answer), .. cut]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal(["content_block_stop 0", "message_delta max_tokens", "message_stop"], AnthropicEvents.Lines(events)[^3..]);
    }

    private static Answer WeatherCall(string arguments) => new(null, ToolCalls: [new ToolCallAnswer("call_w", "get_weather", arguments)]);
}
