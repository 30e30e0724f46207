using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// One upstream protocol, seen from the tests: the same answer scripted as that protocol's wire
/// format, so a behaviour suite runs unchanged against Chat Completions and Responses.
/// </summary>
public abstract class UpstreamDialect
{
    public static readonly UpstreamDialect Chat = new ChatDialect();
    public static readonly UpstreamDialect Responses = new ResponsesDialect();

    public static TheoryData<string> All => ["chat", "responses"];

    /// <summary>The value of Translator:Upstream:Protocol.</summary>
    public abstract string Protocol { get; }

    public static UpstreamDialect Of(string protocol) => protocol == "chat" ? Chat : Responses;

    /// <summary>A whole answer, not streamed.</summary>
    public abstract UpstreamReply Complete(Answer answer);

    /// <summary>A whole answer, streamed in small fragments.</summary>
    public SseReply Stream(Answer answer) => UpstreamReply.Sse([.. Begin(), .. Body(answer), .. End(answer)]);

    /// <summary>What opens a stream, before any content.</summary>
    public abstract IEnumerable<SseStep> Begin();

    /// <summary>One fragment of answer text.</summary>
    public abstract SseStep Text(string text);

    /// <summary>The content of an answer: reasoning, text, calls, in fragments.</summary>
    public abstract IEnumerable<SseStep> Body(Answer answer);

    /// <summary>What closes a complete stream: the end of the open item, the reason, the usage.</summary>
    public abstract IEnumerable<SseStep> End(Answer answer);

    /// <summary>A stream that ends cleanly at the transport level, but without the answer being complete.</summary>
    public abstract IEnumerable<SseStep> EndWithoutFinishing();

    /// <summary>The error the upstream reports inside a stream, the way its protocol does.</summary>
    public abstract SseStep Error(int status, string message);

    /// <summary>
    /// The error CLIProxyAPI writes into a stream it has begun (its handlers' WriteTerminalError):
    /// on Chat a <c>data:</c> chunk holding its error body, on Responses an <c>error</c> event with
    /// the code and message but no type (sdk/api/handlers/openai_responses_stream_error.go).
    /// </summary>
    public abstract SseStep CliProxyApiError(string code, string type, string message);

    public override string ToString() => Protocol;

    private sealed class ChatDialect : UpstreamDialect
    {
        public override string Protocol => "chat";

        public override UpstreamReply Complete(Answer answer)
        {
            var calls = answer.Calls.Count == 0 ? null : new JsonArray([.. answer.Calls.Select(c => ChatReplies.ToolCall(c.Id, c.Name, c.Arguments))]);
            return UpstreamReply.Json(ChatReplies.Completion(answer.Text, answer.Calls.Count > 0 ? "tool_calls" : "stop", calls, answer.Reasoning, answer.Input, answer.Output, answer.Cached));
        }

        public override IEnumerable<SseStep> Begin() => [];

        public override SseStep Text(string text) => SseStep.Data(ChatReplies.TextChunk(text));

        public override IEnumerable<SseStep> Body(Answer answer)
        {
            foreach (var fragment in Fragments(answer.Reasoning))
            {
                yield return SseStep.Data(ChatReplies.ReasoningChunk(fragment));
            }

            foreach (var fragment in Fragments(answer.Text))
            {
                yield return Text(fragment);
            }

            for (var i = 0; i < answer.Calls.Count; i++)
            {
                var call = answer.Calls[i];
                yield return SseStep.Data(ChatReplies.ToolCallChunk(i, call.Id, call.Name, ""));
                foreach (var fragment in Fragments(call.Arguments))
                {
                    yield return SseStep.Data(ChatReplies.ToolCallChunk(i, null, null, fragment));
                }
            }
        }

        public override IEnumerable<SseStep> End(Answer answer) =>
        [
            SseStep.Data(ChatReplies.FinishChunk(answer.Calls.Count > 0 ? "tool_calls" : "stop")),
            SseStep.Data(ChatReplies.UsageChunk(answer.Input, answer.Output, answer.Cached)),
            SseStep.Done,
        ];

        public override IEnumerable<SseStep> EndWithoutFinishing() => [SseStep.Done];

        public override SseStep Error(int status, string message) =>
            SseStep.Data(new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } }.ToJsonString());

        public override SseStep CliProxyApiError(string code, string type, string message) =>
            SseStep.Data(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code } }.ToJsonString());
    }

    private sealed class ResponsesDialect : UpstreamDialect
    {
        public override string Protocol => "responses";

        public override UpstreamReply Complete(Answer answer) => UpstreamReply.Json(ResponsesReplies.Complete(Items(answer), answer.Input, answer.Output, answer.Cached));

        public override IEnumerable<SseStep> Begin() =>
            [SseStep.Event("""{"type":"response.created","response":{"id":"resp_test","status":"in_progress","model":"gpt-5.1-codex-2025-11-13","output":[]}}""")];

        public override SseStep Text(string text) => SseStep.Event(new JsonObject { ["type"] = "response.output_text.delta", ["delta"] = text }.ToJsonString());

        public override IEnumerable<SseStep> Body(Answer answer)
        {
            // The item-by-item events, without the created and completed events around them.
            var reply = ResponsesReplies.Stream(Items(answer), answer.Input, answer.Output, answer.Cached);
            return reply.Steps[1..^1];
        }

        public override IEnumerable<SseStep> End(Answer answer)
        {
            var response = JsonNode.Parse(ResponsesReplies.Complete(Items(answer), answer.Input, answer.Output, answer.Cached));
            yield return SseStep.Event(new JsonObject { ["type"] = "response.completed", ["response"] = response }.ToJsonString());
        }

        public override IEnumerable<SseStep> EndWithoutFinishing() => [];

        public override SseStep Error(int status, string message) =>
            SseStep.Event(new JsonObject { ["type"] = "error", ["code"] = status == 401 ? "invalid_api_key" : "server_error", ["message"] = message }.ToJsonString());

        public override SseStep CliProxyApiError(string code, string type, string message) =>
            SseStep.Event(new JsonObject { ["type"] = "error", ["code"] = code, ["message"] = message, ["sequence_number"] = 0 }.ToJsonString());

        private static List<ResponsesReplies.Item> Items(Answer answer)
        {
            var items = new List<ResponsesReplies.Item>();
            if (answer.Reasoning is { } reasoning)
            {
                items.Add(new ResponsesReplies.Reasoning("rs_answer", reasoning, "enc-answer=="));
            }

            if (answer.Text is { } text)
            {
                items.Add(new ResponsesReplies.Message(text));
            }

            items.AddRange(answer.Calls.Select(c => new ResponsesReplies.FunctionCall(c.Id, c.Name, c.Arguments)));
            return items;
        }
    }

    private static IEnumerable<string> Fragments(string? text)
    {
        for (var i = 0; text is not null && i < text.Length; i += 5)
        {
            yield return text.Substring(i, Math.Min(5, text.Length - i));
        }
    }
}

/// <summary>An answer in protocol-neutral terms.</summary>
public sealed record Answer(string? Text, string? Reasoning = null, IReadOnlyList<ToolCallAnswer>? ToolCalls = null, long Input = 40, long Output = 12, long Cached = 0)
{
    public IReadOnlyList<ToolCallAnswer> Calls => ToolCalls ?? [];
}

public sealed record ToolCallAnswer(string Id, string Name, string Arguments);
