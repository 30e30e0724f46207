using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Reliability;

/// <summary>
/// Every fault class of <see cref="UpstreamFaults"/>, in both protocols, streamed and not: the
/// client gets an answer, or an HTTP error in Anthropic's envelope, or a stream in Anthropic's
/// grammar that ends in an <c>error</c> event; never a 5xx the translator made up, a body in
/// another shape, or a stream that just stops.
/// </summary>
public sealed class UpstreamFaultTests(UpstreamFaultTests.Fixture fixture) : IClassFixture<UpstreamFaultTests.Fixture>, IDisposable
{
    private const string Answer = "answer end_turn: " + UpstreamFaults.Text;
    private const string Broken = "502 api_error";
    private const string BrokenMidStream = "error event api_error";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Limits:MaxSseLineBytes"] = UpstreamFaults.LineLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Translator:Limits:MaxUpstreamResponseBytes"] = UpstreamFaults.AnswerLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static IEnumerable<object[]> Cases() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from fault in UpstreamFaults.Names
        where UpstreamFaults.Applies(fault, UpstreamDialect.Of(dialect))
        select new object[] { dialect, stream, fault, Expected(fault, stream) };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_client_gets_an_answer_or_an_anthropic_error_for_every_upstream_fault(string dialect, bool stream, string fault, string expected)
    {
        var upstream = UpstreamDialect.Of(dialect);
        var delivered = new TaskCompletionSource();
        _upstream.Responder = _ => UpstreamFaults.Reply(fault, upstream, stream, delivered.Task);
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(Request(stream), Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await ReadAsync(response, delivered);

        Assert.Equal(expected, Outcome(response, body));
    }

    /// <summary>The whole body, read as it comes; <paramref name="delivered"/> completes when text has arrived.</summary>
    private static async Task<string> ReadAsync(HttpResponseMessage response, TaskCompletionSource delivered)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var bytes = new MemoryStream();
        var buffer = new byte[4096];
        for (var read = await stream.ReadAsync(buffer); read > 0; read = await stream.ReadAsync(buffer))
        {
            bytes.Write(buffer, 0, read);
            if (Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).Contains("\"text_delta\"", StringComparison.Ordinal))
            {
                delivered.TrySetResult();
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Expected(string fault, bool stream) => fault switch
    {
        "CRLF and comment lines" or "bytes split across writes" or "unknown events" => Answer,
        "cut by the output limit" or "response.incomplete" => "answer max_tokens: " + UpstreamFaults.Text,

        // Nothing reached the client yet: the stream has not begun, and the status can still say so.
        "reset before headers" => Broken,

        // The upstream's own failure, as Anthropic reports its own: 500 api_error.
        "response.failed" when !stream => "500 api_error",
        _ => stream ? BrokenMidStream : Broken,
    };

    private static string Request(bool stream) =>
        """
        {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":STREAM,
         "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
         "messages":[{"role":"user","content":"Weather in Paris?"}]}
        """.Replace("STREAM", stream ? "true" : "false", StringComparison.Ordinal);

    /// <summary>What the client got, in one line; the shape of what it got is checked on the way.</summary>
    private static string Outcome(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            var root = JsonDocument.Parse(body).RootElement;
            Assert.Equal("error", root.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("error").GetProperty("message").GetString()));
            return $"{status} {root.GetProperty("error").GetProperty("type").GetString()}";
        }

        if (response.Content.Headers.ContentType is { MediaType: "text/event-stream" })
        {
            var events = AnthropicEvents.Parse(body);
            AnthropicEvents.AssertGrammar(events);
            if (events[^1].Name == "error")
            {
                return $"error event {events[^1].Data.GetProperty("error").GetProperty("type").GetString()}";
            }

            var text = string.Concat(events.Where(e => e.DeltaType == "text_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
            var stop = events.Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString();
            return $"answer {stop}: {text}";
        }

        Assert.Equal(new MediaTypeHeaderValue("application/json").MediaType, response.Content.Headers.ContentType?.MediaType);
        var message = JsonDocument.Parse(body).RootElement;
        Assert.Equal("message", message.GetProperty("type").GetString());
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.True(message.GetProperty("usage").GetProperty("output_tokens").GetInt64() >= 0);
        var blocks = message.GetProperty("content").EnumerateArray().ToList();
        return $"answer {message.GetProperty("stop_reason").GetString()}: {string.Concat(blocks.Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()))}";
    }

    public void Dispose()
    {
        _upstream.Responder = null;
        _upstream.AssertNoViolations();
    }
}
