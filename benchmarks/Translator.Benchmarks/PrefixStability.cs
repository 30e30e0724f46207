using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Api.Anthropic;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Benchmarks;

/// <summary>
/// How much of each turn's upstream prompt repeats the previous turn's, for a recorded Claude Code
/// session that loads a deferred tool through ToolSearch: the ceiling of what the upstream's prompt
/// cache can hit. The prompt is taken as OpenAI lays it out: the system prompt, the tool
/// definitions, then the messages; a part counts as repeated when it and every part before it are
/// byte-identical to the previous turn's. Also the recorded turns of a plain Claude Code session, on
/// both protocols. Run with <c>--prefix</c>.
/// </summary>
internal static class PrefixStability
{
    private static readonly TokenCounter Tokens = new();

    public static void Print()
    {
        PrintRecordedSession();
        Console.WriteLine();
        PrintDeferredTools();
    }

    /// <summary>The recorded Claude Code 2.1.332 turns (first turn, then its tool-result turn), as each protocol sends them.</summary>
    private static void PrintRecordedSession()
    {
        var turns = new[] { "claude-code-2.1.332-request-first-turn.json", "claude-code-2.1.332-request-tool-result-turn.json" }
            .Select(f => JsonSerializer.Deserialize(Workloads.RecordedRequest(f).ToJsonString(), AnthropicJsonContext.Default.MessagesRequest)!)
            .ToList();
        Console.WriteLine("| protocol | turn | prompt tokens | repeated from the previous turn | share |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (protocol, parts) in new (string, Func<MessagesRequest, List<string>>)[] { ("chat", r => Parts(r).Parts), ("responses", ResponsesParts) })
        {
            List<string>? previous = null;
            for (var t = 0; t < turns.Count; t++)
            {
                var current = parts(turns[t]);
                var (total, repeated) = Repeated(current, previous);
                Console.WriteLine($"| {protocol} | {t + 1} | {total:N0} | {repeated:N0} | {(previous is null ? "-" : $"{100.0 * repeated / total:0.0}%")} |");
                previous = current;
            }
        }
    }

    private static (long Total, long Repeated) Repeated(List<string> parts, List<string>? previous) =>
        (parts.Sum(p => (long)Tokens.Count(p)), previous is null ? 0 : parts.Zip(previous).TakeWhile(p => p.First == p.Second).Sum(p => (long)Tokens.Count(p.First)));

    private static void PrintDeferredTools()
    {
        var turns = Turns();
        Console.WriteLine("| way of loading a deferred tool | turn | tools sent | prompt tokens | repeated from the previous turn | share |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, shape) in Strategies())
        {
            List<string>? previous = null;
            for (var t = 0; t < turns.Count; t++)
            {
                var (parts, toolsSent) = Parts(shape(turns[t]));
                var (total, repeated) = Repeated(parts, previous);
                Console.WriteLine($"| {name} | {t + 1} | {toolsSent} | {total:N0} | {repeated:N0} | {(previous is null ? "-" : $"{100.0 * repeated / total:0.0}%")} |");
                previous = parts;
            }
        }
    }

    /// <summary>The three ways compared, each as the request the translator would translate.</summary>
    private static IEnumerable<(string Name, Func<MessagesRequest, MessagesRequest> Shape)> Strategies() =>
    [
        ("appended in order of first reference (chosen)", request => request),
        ("in the client's order", request => request with
        {
            Tools = [.. request.Tools!.Where(t => t.DeferLoading != true || LoadedTools.Of(request).Contains(t)).Select(t => t with { DeferLoading = null })],
        }),
        ("every tool on every turn (defer_loading ignored)", request => request with { Tools = [.. request.Tools!.Select(t => t with { DeferLoading = null })] }),
    ];

    /// <summary>
    /// Turn 1: the recorded session up to the model's ToolSearch call. Turn 2: the recorded turn that
    /// carries ToolSearch's tool_reference. Turn 3: the model calls WebSearch and gets its results.
    /// </summary>
    private static List<MessagesRequest> Turns()
    {
        var recorded = Workloads.RecordedRequest("claude-code-2.1.332-request-toolsearch-turn.json");
        var first = recorded.DeepClone().AsObject();
        first["messages"] = new JsonArray([.. recorded["messages"]!.AsArray().Take(2).Select(m => m!.DeepClone())]);
        var third = recorded.DeepClone().AsObject();
        third["messages"]!.AsArray().Add(JsonNode.Parse("""{"role":"assistant","content":[{"type":"tool_use","id":"call_ws1","name":"WebSearch","input":{"query":"dotnet aspire 13.6 release notes"}}]}"""));
        third["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = "call_ws1", ["content"] = Workloads.Prose(2400) }),
        });
        return [.. new[] { first, recorded, third }.Select(body => JsonSerializer.Deserialize(body.ToJsonString(), AnthropicJsonContext.Default.MessagesRequest)!)];
    }

    /// <summary>The Responses prompt's parts: instructions, tools, input items.</summary>
    private static List<string> ResponsesParts(MessagesRequest request)
    {
        var plan = Planning.For(request, "gpt-5.5");
        var translated = ResponsesRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
        return
        [
            translated.Instructions,
            .. (translated.Tools ?? []).Select(t => JsonSerializer.Serialize(t, OpenAIResponsesJsonContext.Default.ResponsesTool)),
            .. translated.Input.Select(i => JsonSerializer.Serialize(i, OpenAIResponsesJsonContext.Default.ResponsesInputItem)),
        ];
    }

    /// <summary>The prompt's parts in the order the upstream lays them out: system prompt, tools, messages.</summary>
    private static (List<string> Parts, int ToolsSent) Parts(MessagesRequest request)
    {
        var plan = Planning.For(request, "gpt-5.5");
        var chat = ChatRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
        var messages = chat.Messages.Select(m => JsonSerializer.Serialize(m, OpenAIChatJsonContext.Default.ChatMessage)).ToList();
        var tools = (chat.Tools ?? []).Select(t => JsonSerializer.Serialize(t, OpenAIChatJsonContext.Default.ChatTool)).ToList();
        return ([messages[0], .. tools, .. messages.Skip(1)], chat.Tools?.Count ?? 0);
    }
}
