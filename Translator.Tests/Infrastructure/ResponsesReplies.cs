using System.Text.Json.Nodes;

namespace Translator.Tests.Infrastructure;

/// <summary>
/// Builds Responses API answers as OpenAI sends them: one list of output items, as a complete
/// response object or as the event stream that produces it.
/// </summary>
public static class ResponsesReplies
{
    public abstract record Item;

    public sealed record Reasoning(string Id, string Summary, string EncryptedContent) : Item;

    public sealed record Message(string Text, IReadOnlyList<Citation>? Citations = null) : Item;

    /// <summary>A hosted web search: its query and the pages it read, or a failure.</summary>
    public sealed record WebSearchCall(string Id, string Query, IReadOnlyList<string> Urls, bool Failed = false) : Item;

    /// <summary>A <c>url_citation</c> annotation of the characters [Start, End) of a message's text.</summary>
    public sealed record Citation(int Start, int End, string Url, string Title);

    public sealed record FunctionCall(string CallId, string Name, string Arguments) : Item;

    public static string Complete(IReadOnlyList<Item> items, long input = 40, long output = 12, long cached = 0, string status = "completed", string? incompleteReason = null) =>
        Response(items, input, output, cached, status, incompleteReason).ToJsonString();

    /// <summary>The events of the same answer, text and arguments in fragments of <paramref name="fragment"/> characters.</summary>
    public static SseReply Stream(IReadOnlyList<Item> items, long input = 40, long output = 12, long cached = 0, int fragment = 4)
    {
        var steps = new List<SseStep>
        {
            SseStep.Event(Event("response.created", new JsonObject { ["response"] = Response([], input, output, cached, "in_progress", null) })),
        };
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            steps.Add(SseStep.Event(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = Added(item) })));
            switch (item)
            {
                case Reasoning reasoning:
                    steps.Add(SseStep.Event(Event("response.reasoning_summary_part.added", new JsonObject { ["output_index"] = index, ["summary_index"] = 0 })));
                    steps.AddRange(Fragments(reasoning.Summary, fragment).Select(f => SseStep.Event(Event("response.reasoning_summary_text.delta", new JsonObject { ["output_index"] = index, ["delta"] = f }))));
                    break;
                case Message message:
                    steps.AddRange(Fragments(message.Text, fragment).Select(f => SseStep.Event(Event("response.output_text.delta", new JsonObject { ["output_index"] = index, ["delta"] = f }))));
                    steps.AddRange((message.Citations ?? []).Select((c, n) => SseStep.Event(Event("response.output_text.annotation.added", new JsonObject
                    {
                        ["output_index"] = index, ["content_index"] = 0, ["annotation_index"] = n, ["annotation"] = Annotation(c),
                    }))));
                    break;
                case WebSearchCall search:
                    foreach (var stage in search.Failed ? ["in_progress", "searching"] : new[] { "in_progress", "searching", "completed" })
                    {
                        steps.Add(SseStep.Event(Event($"response.web_search_call.{stage}", new JsonObject { ["output_index"] = index, ["item_id"] = search.Id })));
                    }

                    break;
                case FunctionCall call:
                    steps.AddRange(Fragments(call.Arguments, fragment).Select(f => SseStep.Event(Event("response.function_call_arguments.delta", new JsonObject { ["output_index"] = index, ["delta"] = f }))));
                    break;
            }

            steps.Add(SseStep.Event(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = Done(item) })));
        }

        steps.Add(SseStep.Event(Event("response.completed", new JsonObject { ["response"] = Response(items, input, output, cached, "completed", null) })));
        return UpstreamReply.Sse([.. steps]);
    }

    private static JsonObject Response(IReadOnlyList<Item> items, long input, long output, long cached, string status, string? incompleteReason) => new()
    {
        ["id"] = "resp_test",
        ["object"] = "response",
        ["status"] = status,
        ["model"] = "gpt-5.1-codex-2025-11-13",
        ["incomplete_details"] = incompleteReason is null ? null : new JsonObject { ["reason"] = incompleteReason },
        ["output"] = new JsonArray([.. items.Select(Done)]),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = cached },
            ["output_tokens"] = output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = input + output,
        },
    };

    private static string Event(string type, JsonObject fields)
    {
        fields["type"] = type;
        return fields.ToJsonString();
    }

    private static JsonObject Added(Item item) => item switch
    {
        Reasoning r => new JsonObject { ["type"] = "reasoning", ["id"] = r.Id, ["summary"] = new JsonArray() },
        Message => new JsonObject { ["type"] = "message", ["id"] = "msg_out", ["role"] = "assistant", ["status"] = "in_progress", ["content"] = new JsonArray() },
        FunctionCall c => new JsonObject { ["type"] = "function_call", ["id"] = "fc_" + c.CallId, ["call_id"] = c.CallId, ["name"] = c.Name, ["arguments"] = "", ["status"] = "in_progress" },
        WebSearchCall w => new JsonObject { ["type"] = "web_search_call", ["id"] = w.Id, ["status"] = "in_progress" },
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private static JsonObject Annotation(Citation c) => new() { ["type"] = "url_citation", ["start_index"] = c.Start, ["end_index"] = c.End, ["url"] = c.Url, ["title"] = c.Title };

    private static JsonObject Done(Item item) => item switch
    {
        Reasoning r => new JsonObject
        {
            ["type"] = "reasoning",
            ["id"] = r.Id,
            ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = r.Summary }),
            ["encrypted_content"] = r.EncryptedContent,
        },
        Message m => new JsonObject
        {
            ["type"] = "message",
            ["id"] = "msg_out",
            ["role"] = "assistant",
            ["status"] = "completed",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = m.Text, ["annotations"] = new JsonArray([.. (m.Citations ?? []).Select(Annotation)]) }),
        },
        WebSearchCall w => new JsonObject
        {
            ["type"] = "web_search_call",
            ["id"] = w.Id,
            ["status"] = w.Failed ? "failed" : "completed",
            ["action"] = new JsonObject
            {
                ["type"] = "search",
                ["query"] = w.Query,
                ["sources"] = new JsonArray([.. w.Urls.Select(u => new JsonObject { ["type"] = "url", ["url"] = u })]),
            },
        },
        FunctionCall c => new JsonObject { ["type"] = "function_call", ["id"] = "fc_" + c.CallId, ["call_id"] = c.CallId, ["name"] = c.Name, ["arguments"] = c.Arguments, ["status"] = "completed" },
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private static IEnumerable<string> Fragments(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
