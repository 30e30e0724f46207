using System.Text;
using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Every way an upstream has been seen to break, as scripted replies in either protocol, streamed
/// or not: connections reset, bodies cut or not JSON, lines too long, bytes split anywhere, events
/// nobody announced, arguments that do not parse, failures reported inside the answer.
/// </summary>
public static class UpstreamFaults
{
    /// <summary>
    /// The answer text, with characters of two, three and four UTF-8 bytes for splitting (the emoji
    /// where the dialects' fragments of four and five characters leave it whole).
    /// </summary>
    public const string Text = "héllo wörld € ok 😀";

    /// <summary>Lines of the streams in the tests are at most this long; the oversized line is longer.</summary>
    public const int LineLimit = 4096;

    /// <summary>Complete answers in the tests are at most this long; the oversized answer is longer.</summary>
    public const int AnswerLimit = 16384;

    private const string Sse = "text/event-stream";
    private const string Json = "application/json";

    public static readonly string[] Names =
    [
        "reset before headers", "reset mid-body", "truncated JSON", "HTML body", "empty body", "binary garbage", "oversized line",
        "CRLF and comment lines", "bytes split across writes", "unknown events", "broken tool arguments", "cut by the output limit",
        "error inside the answer", "response.failed", "response.incomplete",
    ];

    /// <summary>Faults that only one protocol can have.</summary>
    public static bool Applies(string fault, UpstreamDialect dialect) =>
        fault is not ("response.failed" or "response.incomplete") || dialect == UpstreamDialect.Responses;

    /// <param name="delivered">Completes once the client has received text: a stream is reset only then, as a reset discards what the receiver has not read yet.</param>
    public static UpstreamReply Reply(string fault, UpstreamDialect dialect, bool stream, Task delivered)
    {
        var answer = new Answer(Text);
        var type = stream ? Sse : Json;
        var whole = stream ? StreamText(dialect, answer) : BodyText(dialect, answer);
        return fault switch
        {
            "reset before headers" => UpstreamReply.ResetBeforeHeaders(),
            "reset mid-body" => stream
                ? UpstreamReply.Sse([.. dialect.Begin(), dialect.Text(Text), SseStep.Raw("data: {\"id\":\"chatcmpl-te"), SseStep.Until(delivered), SseStep.Drop])
                : UpstreamReply.Raw(200, type, [Encoding.UTF8.GetBytes(whole[..(whole.Length / 2)])], reset: true),
            "truncated JSON" => UpstreamReply.Raw(200, type, [Encoding.UTF8.GetBytes(stream ? CutInsideAnEvent(whole) : whole[..(whole.Length / 2)])]),
            "HTML body" => UpstreamReply.Raw(200, "text/html", [Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body><h1>Bad Gateway</h1></body></html>\n")]),
            "empty body" => UpstreamReply.Raw(200, type, []),
            "binary garbage" => UpstreamReply.Raw(200, type, [Garbage()]),
            "oversized line" => stream
                ? UpstreamReply.Raw(200, type, [Encoding.UTF8.GetBytes(dialect.Stream(answer).Steps.OfType<SseStep.Write>().First().Text + "data: {\"x\":\"" + new string('x', LineLimit) + "\"}\n\n")])
                : UpstreamReply.Raw(200, type, [Encoding.UTF8.GetBytes(BodyText(dialect, new Answer(new string('x', AnswerLimit))))]),
            "CRLF and comment lines" => UpstreamReply.Raw(200, type, [Encoding.UTF8.GetBytes(stream ? WithCrlfAndComments(whole) : Indented(whole))]),
            "bytes split across writes" => UpstreamReply.Raw(200, type, Split(Encoding.UTF8.GetBytes(whole))),
            "unknown events" => UpstreamReply.Raw(200, type, [Encoding.UTF8.GetBytes(stream ? WithUnknownEvents(dialect, whole) : WithUnknownFields(dialect, whole))]),
            "broken tool arguments" => Answered(dialect, stream, new Answer(null, ToolCalls: [new ToolCallAnswer("call_1", "get_weather", "{\"city\":")])),
            "cut by the output limit" => dialect == UpstreamDialect.Chat
                ? (stream ? ChatReplies.Stream(ChatReplies.TextChunk(Text), ChatReplies.FinishChunk("length"), ChatReplies.UsageChunk(11, 7)) : UpstreamReply.Json(ChatReplies.Completion(Text, "length")))
                : Incomplete(stream),
            "error inside the answer" => stream
                ? UpstreamReply.Sse([.. dialect.Begin(), dialect.Text("Hel"), dialect.Error(500, "The server had an error while processing your request.")])
                : UpstreamReply.Json("""{"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}"""),
            "response.failed" => Failed(stream),
            "response.incomplete" => Incomplete(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
    }

    private static UpstreamReply Answered(UpstreamDialect dialect, bool stream, Answer answer) => stream ? dialect.Stream(answer) : dialect.Complete(answer);

    private static string BodyText(UpstreamDialect dialect, Answer answer) => dialect == UpstreamDialect.Chat
        ? ChatReplies.Completion(answer.Text)
        : ResponsesReplies.Complete([new ResponsesReplies.Message(answer.Text!)]);

    private static string StreamText(UpstreamDialect dialect, Answer answer) => string.Concat(dialect.Stream(answer).Steps.OfType<SseStep.Write>().Select(w => w.Text));

    /// <summary>The stream up to the middle of its second event's JSON, then a clean end.</summary>
    private static string CutInsideAnEvent(string stream)
    {
        var second = stream.IndexOf("\n\n", StringComparison.Ordinal) + 2;
        var end = stream.IndexOf("\n\n", second, StringComparison.Ordinal);
        return stream[..((second + end) / 2)];
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[4096];
        new Random(20261205).NextBytes(bytes);
        return bytes;
    }

    private static string WithCrlfAndComments(string stream) =>
        ": connected\r\n\r\n" + stream.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\r\n\r\n", "\r\n: keep-alive\r\n\r\n", StringComparison.Ordinal);

    private static string Indented(string body) => JsonNode.Parse(body)!.ToJsonString(new() { WriteIndented = true }).Replace("\n", "\r\n", StringComparison.Ordinal);

    /// <summary>Writes of one, two and three bytes in turn: every multi-byte character is split somewhere.</summary>
    private static List<byte[]> Split(byte[] bytes)
    {
        var writes = new List<byte[]>();
        for (int at = 0, size = 1; at < bytes.Length; at += size, size = (size % 3) + 1)
        {
            writes.Add(bytes[at..Math.Min(bytes.Length, at + size)]);
        }

        return writes;
    }

    /// <summary>Events and fields a later version of the API might send, before the first event of the answer.</summary>
    private static string WithUnknownEvents(UpstreamDialect dialect, string stream)
    {
        var unknown = dialect == UpstreamDialect.Chat
            ? "data: {\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1763000000,\"model\":\"gpt-5.1\",\"choices\":[{\"index\":0,\"delta\":{\"audio\":{\"id\":\"au_1\"}},\"finish_reason\":null}],\"future\":{\"x\":[1]}}\n\n"
              + "event: future\ndata: {\"type\":\"future\"}\n\n"
            : "event: response.future_thing\ndata: {\"type\":\"response.future_thing\",\"sequence_number\":99,\"item\":{\"type\":\"future_item\"}}\n\n";
        var first = stream.IndexOf("\n\n", StringComparison.Ordinal) + 2;
        return dialect == UpstreamDialect.Chat ? unknown + stream : stream[..first] + unknown + stream[first..];
    }

    /// <summary>A field nobody announced at the top, and (Responses) an output item of a type nobody announced.</summary>
    private static string WithUnknownFields(UpstreamDialect dialect, string body)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        root["future"] = new JsonObject { ["x"] = new JsonArray(1, 2) };
        if (dialect == UpstreamDialect.Responses)
        {
            root["output"]!.AsArray().Insert(0, new JsonObject { ["type"] = "future_item", ["id"] = "fi_1" });
        }

        return root.ToJsonString();
    }

    private static UpstreamReply Failed(bool stream)
    {
        var response = JsonNode.Parse(ResponsesReplies.Complete([], status: "failed"))!.AsObject();
        response["error"] = new JsonObject { ["code"] = "server_error", ["message"] = "The model failed to answer." };
        return stream
            ? UpstreamReply.Sse([.. UpstreamDialect.Responses.Begin(), UpstreamDialect.Responses.Text("Hel"), SseStep.Event(new JsonObject { ["type"] = "response.failed", ["response"] = response }.ToJsonString())])
            : UpstreamReply.Json(response.ToJsonString());
    }

    private static UpstreamReply Incomplete(bool stream)
    {
        var body = ResponsesReplies.Complete([new ResponsesReplies.Message(Text)], status: "incomplete", incompleteReason: "max_output_tokens");
        return stream
            ? UpstreamReply.Sse([.. UpstreamDialect.Responses.Begin(), UpstreamDialect.Responses.Text(Text), SseStep.Event(new JsonObject { ["type"] = "response.incomplete", ["response"] = JsonNode.Parse(body) }.ToJsonString())])
            : UpstreamReply.Json(body);
    }
}
