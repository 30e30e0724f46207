using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Forwarding;

/// <summary>
/// A translated call has one owner: whatever happens, its span ends, its metrics are recorded and
/// its line is logged exactly once, and an upstream that goes silent cannot hold the client (Translator:Upstream:IdleTimeout).
/// </summary>
public sealed class CallLifetimeTests(CallLifetimeTests.Fixture fixture) : IClassFixture<CallLifetimeTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();
    private readonly OperationRecorder _operations = new();

    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Upstream:IdleTimeout"] = "00:00:02",
            // Pings go out every 100 ms while the upstream is silent: they must not keep the call alive.
            ["Translator:Streaming:PingInterval"] = "00:00:00.100",
        };
    }

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public static TheoryData<string, string> EndingsByDialect
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var dialect in new[] { "chat", "responses" })
            {
                foreach (var ending in new[] { "complete", "streamed", "upstream-error", "client-gone-before-headers", "client-gone-mid-stream", "idle-mid-stream", "idle-complete" })
                {
                    data.Add(dialect, ending);
                }
            }

            return data;
        }
    }

    public void Dispose()
    {
        _operations.Dispose();
        _upstream.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(EndingsByDialect))]
    public async Task The_operation_ends_exactly_once_however_the_call_ends(string dialect, string ending)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var model = $"claude-lifetime-{dialect}-{ending}";
        var streaming = ending is "streamed" or "client-gone-mid-stream" or "idle-mid-stream";
        var never = new TaskCompletionSource();
        var answer = new Answer("Hello there.", Input: 10, Output: 3);
        _upstream.Enqueue(ending switch
        {
            "complete" => upstream.Complete(answer),
            "streamed" => upstream.Stream(answer),
            "upstream-error" => UpstreamReply.Error(500, "The server had an error."),
            "client-gone-before-headers" => UpstreamReply.Hang(),
            "idle-complete" => UpstreamReply.Stall("{\"id\":"),
            "idle-mid-stream" => UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Stuck]),
            _ => UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Until(never.Task)]),
        });
        using var http = fixture.AppFor(upstream).CreateHttpClient();
        var body = Requests.Simple(model: model, stream: streaming);

        string? expectedError = null;
        switch (ending)
        {
            case "client-gone-before-headers":
                using (var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"), leave.Token));
                }

                expectedError = "client_disconnected";
                break;
            case "client-gone-mid-stream":
                var sse = await SseClient.PostAsync(http, body);
                await sse.NextMatchingAsync(e => e.DeltaType == "text_delta");
                await sse.DisposeAsync();
                http.Dispose();
                expectedError = "client_disconnected";
                break;
            case "streamed" or "idle-mid-stream":
                await using (var stream = await SseClient.PostAsync(http, body))
                {
                    var events = await stream.ReadToEndAsync();
                    AnthropicEvents.AssertGrammar(events);
                    Assert.Equal(ending == "streamed" ? "message_stop" : "error timeout_error", events[^1].ToString());
                }

                expectedError = ending == "streamed" ? null : "timeout_error";
                break;
            default:
                using (var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json")))
                {
                    Assert.Equal(ending switch { "complete" => HttpStatusCode.OK, "upstream-error" => HttpStatusCode.InternalServerError, _ => HttpStatusCode.GatewayTimeout }, response.StatusCode);
                }

                expectedError = ending switch { "complete" => null, "upstream-error" => "api_error", _ => "timeout_error" };
                break;
        }

        var (spans, durations) = await _operations.EndedAsync(model);

        var span = Assert.Single(spans);
        Assert.Equal(1, durations);
        Assert.Equal(expectedError, span.GetTagItem("error.type"));
        Assert.Equal(expectedError is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error, span.Status);

        // One line in the log too, with the status the client got and how the call ended.
        var line = Assert.Single(fixture.AppFor(upstream).CallLines(model));
        Assert.Equal(ending switch { "upstream-error" => "500", "client-gone-before-headers" => "499", "idle-complete" => "504", _ => "200" }, line.GetStructuredStateValue("StatusCode"));
        Assert.Equal(expectedError ?? "end_turn", line.GetStructuredStateValue("Outcome"));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_stream_the_upstream_stops_feeding_ends_with_a_timeout_error_and_the_upstream_call_is_closed(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var reply = _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), SseStep.Stuck]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();
        var client = Stopwatch.StartNew();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Contains(events, e => e.DeltaType == "text_delta");
        Assert.Contains(events, e => e.Name == "ping");
        Assert.Equal("error timeout_error", events[^1].ToString());
        Assert.Contains("Translator:Upstream:IdleTimeout", events[^1].Data.GetProperty("error").GetProperty("message").GetString());
        await reply.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(client.Elapsed < TimeSpan.FromSeconds(30), $"The stream was held for {client.Elapsed}.");
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_complete_answer_whose_body_stalls_gets_504_timeout_error_and_the_upstream_call_is_closed(string dialect)
    {
        var reply = _upstream.Enqueue(UpstreamReply.Stall("{\"id\":\"cmpl\","));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("timeout_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("Translator:Upstream:IdleTimeout", error.RootElement.GetProperty("error").GetProperty("message").GetString());
        await reply.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Keep_alive_comments_from_the_upstream_keep_a_quiet_stream_open(string dialect)
    {
        // ": keep-alive" comments, as CLIProxyAPI sends while a model thinks, 1.5 s apart on the
        // translator's fake clock under a 2 s idle timeout: 6 s of thinking in all. Time moves on
        // only once the translator has read the comment (it re-armed the idle timer).
        var clock = new WatchedClock();
        await using var app = OnClock(clock, dialect);
        var idle = TimeSpan.FromSeconds(2);
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("Thought long.", Input: 10, Output: 3);
        TaskCompletionSource[] gates = [new(), new(), new()];
        _upstream.Enqueue(UpstreamReply.Sse(
        [
            .. upstream.Begin(),
            .. gates.SelectMany(gate => new[] { SseStep.QuietUntil(gate.Task), SseStep.Raw(": keep-alive\n\n") }),
            .. upstream.Body(answer), .. upstream.End(answer),
        ]));
        using var http = app.CreateHttpClient();

        var posting = SseClient.PostAsync(http, Requests.Simple(stream: true));
        await clock.ArmedAsync(idle, after: 0);
        foreach (var gate in gates)
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            var armed = clock.Arms(idle);
            gate.SetResult();
            await clock.ArmedAsync(idle, after: armed);
        }

        clock.Advance(TimeSpan.FromSeconds(1.5));
        await using var sse = await posting;
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("message_stop", events[^1].Name);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Every_byte_from_the_upstream_starts_the_idle_time_over(string dialect)
    {
        // The translator's clock is a fake one the test moves: 1.5 s of silence at a time, 4.5 s in
        // all, under a 2 s idle timeout. (On the real clock a busy test host can stall for longer
        // than any margin, timers included.)
        var clock = new FakeTimeProvider();
        await using var app = OnClock(clock, dialect);
        var upstream = UpstreamDialect.Of(dialect);
        var answer = new Answer("One two three", Input: 10, Output: 3);
        TaskCompletionSource[] gates = [new(), new(), new()];
        _upstream.Enqueue(UpstreamReply.Sse(
        [
            .. upstream.Begin(), upstream.Text("One "), SseStep.QuietUntil(gates[0].Task),
            upstream.Text("two "), SseStep.QuietUntil(gates[1].Task),
            upstream.Text("three"), SseStep.QuietUntil(gates[2].Task),
            .. upstream.End(answer),
        ]));
        using var http = app.CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        foreach (var (gate, text) in gates.Zip(new[] { "One ", "two ", "three" }))
        {
            await sse.NextMatchingAsync(e => e.DeltaType == "text_delta" && e.Data.GetProperty("delta").GetProperty("text").GetString() == text);
            clock.Advance(TimeSpan.FromSeconds(1.5));
            gate.SetResult();
        }

        var rest = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(sse.Received);
        Assert.True(rest[^1].Name == "message_stop", string.Join("\n", rest.Select(e => $"{e.Name} {e.Data.GetRawText()}")));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_idle_time_runs_on_the_applications_clock(string dialect)
    {
        var clock = new FakeTimeProvider();
        await using var app = OnClock(clock, dialect);
        var upstream = UpstreamDialect.Of(dialect);
        var never = new TaskCompletionSource();
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("One "), SseStep.QuietUntil(never.Task)]));
        using var http = app.CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        await sse.NextMatchingAsync(e => e.DeltaType == "text_delta");
        clock.Advance(TimeSpan.FromSeconds(2.1));
        var rest = await sse.ReadToEndAsync();

        Assert.Equal("error timeout_error", rest[^1].ToString());
    }

    /// <summary>A translator whose clock is <paramref name="clock"/>, with a 2 s idle timeout.</summary>
    private TranslatorApp OnClock(FakeTimeProvider clock, string dialect) => new(
        _upstream.BaseUrl,
        new Dictionary<string, string?> { ["Translator:Upstream:Protocol"] = dialect, ["Translator:Upstream:IdleTimeout"] = "00:00:02" },
        services => services.AddSingleton<TimeProvider>(clock));
}
