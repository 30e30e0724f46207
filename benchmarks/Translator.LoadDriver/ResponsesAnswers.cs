using System.Text;

namespace Translator.LoadDriver;

/// <summary>
/// The fast upstream's answers as the Responses API (<c>/v1/responses</c>) sends them: named events
/// whose data carries the same <c>type</c>, in OpenAI's order (the response created and in
/// progress, the item added, its content part, the deltas, each part and item done, the response
/// completed), and no <c>[DONE]</c>.
/// </summary>
internal static class ResponsesAnswers
{
    private const string Model = "gpt-5.1-2025-11-13";

    public static CannedAnswers Build() => new(Completion(), Stream(), ToolStream(), text => Encoding.UTF8.GetBytes(Completed(Message(text), 12, 9)), StreamOf);

    /// <summary>The text in one delta line; the completed response leaves it out so that only one line is long.</summary>
    private static byte[] StreamOf(string text)
    {
        var sequence = 0;
        return Encoding.UTF8.GetBytes(string.Concat(
            Event("response.created", ref sequence, $$"""{"response":{{InProgress()}}}"""),
            Event("response.output_item.added", ref sequence, """{"output_index":0,"item":{"id":"msg_load","type":"message","status":"in_progress","content":[],"role":"assistant"}}"""),
            Event("response.content_part.added", ref sequence, """{"item_id":"msg_load","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}"""),
            Event("response.output_text.delta", ref sequence, $$$"""{"item_id":"msg_load","output_index":0,"content_index":0,"delta":"{{{text}}}","logprobs":[]}"""),
            Event("response.output_item.done", ref sequence, $$"""{"output_index":0,"item":{{Message("")}}}"""),
            Event("response.completed", ref sequence, $$"""{"response":{{Completed(Message(""), 12, 9)}}}""")));
    }

    private static byte[] Completion() => Encoding.UTF8.GetBytes(Completed(Message("Hello! How can I help you today?"), 12, 9));

    /// <summary>As the chat stream: each word a write of its own, the first with the events that open the answer.</summary>
    private static byte[][] Stream()
    {
        var text = string.Concat(Enumerable.Range(0, FastUpstream.StreamChunks).Select(i => $"word{i} "));
        var sequence = 0;
        var writes = new List<string>();
        var opening = string.Concat(
            Event("response.created", ref sequence, $$"""{"response":{{InProgress()}}}"""),
            Event("response.in_progress", ref sequence, $$"""{"response":{{InProgress()}}}"""),
            Event("response.output_item.added", ref sequence, """{"output_index":0,"item":{"id":"msg_load","type":"message","status":"in_progress","content":[],"role":"assistant"}}"""),
            Event("response.content_part.added", ref sequence, """{"item_id":"msg_load","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}"""));
        for (var i = 0; i < FastUpstream.StreamChunks; i++)
        {
            var delta = Event("response.output_text.delta", ref sequence, $$"""{"item_id":"msg_load","output_index":0,"content_index":0,"delta":"word{{i}} ","logprobs":[]}""");
            writes.Add(i == 0 ? opening + delta : delta);
        }

        writes.Add(string.Concat(
            Event("response.output_text.done", ref sequence, $$"""{"item_id":"msg_load","output_index":0,"content_index":0,"text":"{{text}}","logprobs":[]}"""),
            Event("response.content_part.done", ref sequence, $$$"""{"item_id":"msg_load","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"{{{text}}}"}}"""),
            Event("response.output_item.done", ref sequence, $$"""{"output_index":0,"item":{{Message(text)}}}""")));
        writes.Add(Event("response.completed", ref sequence, $$"""{"response":{{Completed(Message(text), 12, FastUpstream.StreamChunks)}}}"""));
        return [.. writes.Select(Encoding.UTF8.GetBytes)];
    }

    private static byte[] ToolStream()
    {
        const string Call = """{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\"}","call_id":"call_1","name":"get_time"}""";
        var sequence = 0;
        return Encoding.UTF8.GetBytes(string.Concat(
            Event("response.created", ref sequence, $$"""{"response":{{InProgress()}}}"""),
            Event("response.output_item.added", ref sequence, """{"output_index":0,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_1","name":"get_time"}}"""),
            Event("response.function_call_arguments.delta", ref sequence, """{"item_id":"fc_1","output_index":0,"delta":"{\"city\":"}"""),
            Event("response.function_call_arguments.delta", ref sequence, """{"item_id":"fc_1","output_index":0,"delta":"\"Paris\"}"}"""),
            Event("response.function_call_arguments.done", ref sequence, """{"item_id":"fc_1","output_index":0,"arguments":"{\"city\":\"Paris\"}"}"""),
            Event("response.output_item.done", ref sequence, $$"""{"output_index":0,"item":{{Call}}}"""),
            Event("response.completed", ref sequence, $$"""{"response":{{Completed(Call, 30, 8)}}}""")));
    }

    private static string Message(string text) =>
        $$"""{"id":"msg_load","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"{{text}}"}],"role":"assistant"}""";

    /// <summary>The response object as the stream opens: no output, no usage yet.</summary>
    private static string InProgress() =>
        $$"""{"id":"resp_load","object":"response","created_at":1763000000,"status":"in_progress","model":"{{Model}}","output":[],"usage":null}""";

    private static string Completed(string output, int inputTokens, int outputTokens) =>
        $$"""{"id":"resp_load","object":"response","created_at":1763000000,"status":"completed","model":"{{Model}}","output":[{{output}}],"usage":""" +
        $$$"""{"input_tokens":{{{inputTokens}}},"input_tokens_details":{"cached_tokens":0},"output_tokens":{{{outputTokens}}},"output_tokens_details":{"reasoning_tokens":0},"total_tokens":{{{inputTokens + outputTokens}}}}}""";

    /// <summary>One named event: <paramref name="fields"/> is a JSON object, to which the type and sequence number are prepended.</summary>
    private static string Event(string type, ref int sequence, string fields) =>
        $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":{sequence++},{fields[1..]}\n\n";
}
