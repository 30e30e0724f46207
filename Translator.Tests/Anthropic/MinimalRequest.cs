using System.Text.Json;
using System.Text.Json.Nodes;
using Translator.Api.Anthropic;

namespace Translator.Tests.Anthropic;

/// <summary>
/// The validator's test input: the smallest request it accepts, with the fields a test is about
/// put in, and what the validator says of it.
/// </summary>
internal static class MinimalRequest
{
    public const string Hello = """[{"role":"user","content":"Hello"}]""";

    private const string Accepted = """{"model":"claude-x","max_tokens":1,"messages":[{"role":"user","content":"Hello"}]}""";

    /// <summary>The minimal request with these top-level fields (a JSON object) in place of its own.</summary>
    public static MessagesRequest With(string fields)
    {
        var body = JsonNode.Parse(Accepted)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(fields)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        return JsonSerializer.Deserialize(body.ToJsonString(), AnthropicJsonContext.Default.MessagesRequest)!;
    }

    /// <summary>The validator's message for the minimal request with these fields, or null when it accepts it.</summary>
    public static string? ErrorWith(string fields, bool requireMaxTokens = true) => ErrorOf(With(fields), requireMaxTokens);

    /// <summary>The validator's message for the minimal request with these messages, or null when it accepts it.</summary>
    public static string? ErrorWithMessages(string messages) => ErrorWith($$$"""{"messages":{{{messages}}}}""");

    /// <summary>
    /// Messages whose last turn answers the assistant's tool use <c>t1</c> (of a tool <c>f</c>) with a
    /// tool_result of this content: the messages.2.content.0 of an error path.
    /// </summary>
    public static string MessagesAnsweredWith(string toolResultContent) =>
        $$$"""[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":{{{toolResultContent}}}}]}]""";

    public static string? ErrorOf(MessagesRequest request, bool requireMaxTokens = true) =>
        MessagesRequestValidator.Validate(request, requireMaxTokens)?.Message;
}
