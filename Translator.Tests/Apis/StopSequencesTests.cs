using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// <c>stop_sequences</c> as Anthropic honours them, on upstreams that cannot (reasoning models
/// refuse <c>stop</c>, the Responses API has none): the text ends before the first sequence, the
/// answer stops with <c>stop_sequence</c> naming it, a stream never sends a character of it and
/// closes the upstream call at once. Thinking and tool calls are not matched.
/// </summary>
public sealed class StopSequencesTests(StopSequencesTests.Fixture fixture) : IClassFixture<StopSequencesTests.Fixture>, IDisposable
{
    private const string Human = "\n\nHuman:";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            // A model that takes `stop`, beside the default reasoning ones that refuse it.
            ["Translator:Models:Map:claude-plain"] = "gpt-4.1",
        };
    }

    public static TheoryData<string, bool> DialectsStreamedOrNot => new()
    {
        { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true },
    };

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(DialectsStreamedOrNot))]
    public async Task The_text_ends_before_the_sequence_and_the_answer_stops_with_it(string dialect, bool streamed)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer($"The answer is 42.{Human} thanks!", Input: 30, Output: 9);
        _upstream.Enqueue(streamed ? upstream.Stream(answer) : upstream.Complete(answer));

        var message = await SendAsync(upstream, Body(streamed, ["###", Human]), streamed);

        Assert.Equal("text The answer is 42.", Blocks(message));
        Assert.Equal("stop_sequence", message.StopReason?.Raw());
        Assert.Equal(Human, message.StopSequence);
        Assert.False(_upstream.LastRequest.TryGetProperty("stop", out _), "a reasoning model refuses stop");
        if (!streamed)
        {
            Assert.Equal(9, message.Usage.OutputTokens);
        }
        else
        {
            Assert.True(message.Usage.OutputTokens > 0, "the output is estimated when the upstream's usage never comes");
        }
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_sequence_of_multibyte_characters_split_across_deltas_is_never_sent(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Vers 東"), upstream.Text("京"), upstream.Text("→ la fin"), .. upstream.End(new Answer("Vers 東京→ la fin"))]));

        var message = await SendAsync(upstream, Body(streamed: true, ["東京→"]), streamed: true);

        Assert.Equal("text Vers ", Blocks(message));
        Assert.Equal("東京→", message.StopSequence);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_upstream_call_is_closed_once_a_sequence_matched(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var later = new TaskCompletionSource();
        var answer = new Answer("Done. STOP and more");
        var reply = _upstream.Enqueue(UpstreamReply.Sse(
        [
            .. upstream.Begin(), upstream.Text("Done. ST"), upstream.Text("OP and"), SseStep.Until(later.Task),
            upstream.Text(" more"), SseStep.Delay(TimeSpan.FromMilliseconds(300)), .. upstream.End(answer),
        ]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        List<AnthropicEvent> events;
        await using (var sse = await SseClient.PostAsync(http, Body(streamed: true, ["STOP"])))
        {
            events = await sse.ReadToEndAsync();
        }

        // The stream is over while the upstream still has more to send: the translator has closed the call.
        later.SetResult();
        await reply.Finished;

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("Done. ", string.Concat(events.Where(e => e.DeltaType == "text_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString())));
        var end = events.Single(e => e.Name == "message_delta").Data.GetProperty("delta");
        Assert.Equal("stop_sequence", end.GetProperty("stop_reason").GetString());
        Assert.Equal("STOP", end.GetProperty("stop_sequence").GetString());
        Assert.True(reply.Aborted.IsCompleted, "the upstream answer was read on after the match instead of being closed");
    }

    [Theory]
    [MemberData(nameof(DialectsStreamedOrNot))]
    public async Task Thinking_is_not_matched(string dialect, bool streamed)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("It is 4.", Reasoning: "Say STOP only if unsure.");
        _upstream.Enqueue(streamed ? upstream.Stream(answer) : upstream.Complete(answer));

        var message = await SendAsync(upstream, Body(streamed, ["STOP"], thinking: true), streamed);

        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Say STOP only if unsure.", thinking.Thinking);
        Assert.Equal("It is 4.", message.Content[1].TryPickText(out var text) ? text.Text : null);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Null(message.StopSequence);
    }

    [Theory]
    [MemberData(nameof(DialectsStreamedOrNot))]
    public async Task Tool_calls_are_not_cut(string dialect, bool streamed)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("Let me lo", ToolCalls: [new("call_a", "shout", """{"word":"STOP"}""")]);
        _upstream.Enqueue(streamed ? upstream.Stream(answer) : upstream.Complete(answer));

        var message = await SendAsync(upstream, Body(streamed, ["STOP", "look"], tools: true), streamed);

        Assert.Equal("text Let me lo\ntool_use shout {\"word\":\"STOP\"}", Blocks(message));
        Assert.Equal("tool_use", message.StopReason?.Raw());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_model_that_takes_stop_gets_the_sequences_when_there_are_at_most_four(bool tooMany)
    {
        var upstream = UpstreamDialect.Chat;
        string[] sequences = tooMany ? ["a1", "a2", "a3", "a4", "STOP"] : ["STOP"];
        _upstream.Enqueue(upstream.Complete(new Answer("Fine. STOP now")));

        var message = await SendAsync(upstream, Body(streamed: false, sequences, model: "claude-plain"), streamed: false);

        // Where the upstream does not get them, the translator cuts the answer itself.
        Assert.Equal(tooMany ? null : JsonSerializer.Serialize(sequences), _upstream.LastRequest.TryGetProperty("stop", out var stop) ? stop.GetRawText() : null);
        Assert.Equal("text Fine. ", Blocks(message));
        Assert.Equal("STOP", message.StopSequence);
    }

    private async Task<Message> SendAsync(UpstreamDialect upstream, string body, bool streamed)
    {
        var client = fixture.AppFor(upstream).CreateAnthropicClient();
        return streamed
            ? await client.Messages.CreateStreaming(Requests.Params(body)).Aggregate()
            : await client.Messages.Create(Requests.Params(body));
    }

    private static string Body(bool streamed, string[] stopSequences, bool thinking = false, bool tools = false, string model = "claude-sonnet-4-5")
    {
        var extra = (thinking ? ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}" : "")
            + (tools ? ",\"tools\":[{\"name\":\"shout\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\"}}}}]" : "");
        return $$"""{"model":"{{model}}","max_tokens":2048,"stream":{{(streamed ? "true" : "false")}},"stop_sequences":{{JsonSerializer.Serialize(stopSequences)}}{{extra}},"messages":[{"role":"user","content":"Hi"}]}""";
    }

    private static string Blocks(Message message) => string.Join("\n", message.Content.Select(b =>
        b.TryPickText(out var text) ? $"text {text.Text}"
        : b.TryPickToolUse(out var tool) ? $"tool_use {tool.Name} {JsonSerializer.Serialize(tool.Input)}"
        : "other"));
}
