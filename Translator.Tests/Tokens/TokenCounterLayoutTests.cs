using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Tokens;
using Translator.Api.Upstreams;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Tokens;

/// <summary>
/// The count follows the layout each protocol's request really has: the Cookbook's framing
/// (3 per message or item, 3 per tool call, 3 to prime the reply) over what the translator sends.
/// </summary>
public sealed class TokenCounterLayoutTests
{
    private const string MediaTurn = "a conversation whose tools returned images and a PDF";

    private static readonly TokenCounter Counter = new();

    public static TheoryData<string> Conversations =>
    [
        "claude-code-2.1.328-request-first-turn.json",
        "claude-code-2.1.328-request-tool-result-turn.json",
        "claude-code-2.1.332-request-tool-result-turn.json",
        "anthropic-request-thinking-tool-result-roundtrip.json",
        MediaTurn,
    ];

    [Theory]
    [MemberData(nameof(Conversations))]
    public void Counts_the_messages_chat_completions_is_sent(string conversation)
    {
        var request = Request(conversation);

        var sent = SentChat(request);

        var expected = ToolsAndPriming(request, MessageLayout.Chat) + sent.Messages.Sum(message =>
            3 + Count(message.Role) + Count(message.ToolCallId)
            + (message.Content?.Text is { } text ? Count(text) : (message.Content?.Parts ?? []).Sum(ChatPart))
            + (message.ToolCalls ?? []).Sum(call => 3 + Count(call.Id) + Count(call.Function!.Name) + Count(call.Function.Arguments)));
        Assert.Equal(expected, Counter.Count(request, OutputPlan.For(request), MessageLayout.Chat));
    }

    [Theory]
    [MemberData(nameof(Conversations))]
    public void Counts_the_items_responses_is_sent(string conversation)
    {
        var request = Request(conversation);

        var sent = SentResponses(request);

        var system = sent.Instructions.Length > 0 ? 3 + Count("system") + Count(sent.Instructions) : 0;
        var expected = ToolsAndPriming(request, MessageLayout.Responses) + system + sent.Input.Sum(item => item.Type switch
        {
            "message" => 3 + Count(item.Role) + item.Content!.Sum(ResponsesPart),
            "function_call" => 3 + Count(item.CallId) + Count(item.Name) + Count(item.Arguments),
            "function_call_output" => 3 + Count("tool") + Count(item.CallId) + (item.Output!.Text is { } text ? Count(text) : item.Output.Parts!.Sum(ResponsesPart)),
            // Reasoning is encrypted and a search replayed by its id: no text to count.
            _ => 0L,
        });
        Assert.Equal(expected, Counter.Count(request, OutputPlan.For(request), MessageLayout.Responses));
    }

    [Fact]
    public void Counts_a_tools_images_where_each_protocol_sends_them()
    {
        var request = Request(MediaTurn);

        var chat = SentChat(request).Messages[^1];
        var responses = SentResponses(request).Input.Where(i => i.Type == "function_call_output").ToList();

        // Chat's tool messages take text only: the media follow in the user message, after a label naming the call.
        Assert.Equal(["text", "image_url", "text", "image_url", "file", "text"], chat.Content!.Parts!.Select(p => p.Type));
        // A function_call_output takes them itself.
        Assert.Equal(["input_text", "input_image"], responses[0].Output!.Parts!.Select(p => p.Type));
        Assert.Equal(["input_text", "input_image", "input_file"], responses[1].Output!.Parts!.Select(p => p.Type));
        // The same media cost the same in both; Chat pays for its labels and the user message's framing, Responses for
        // a second assistant message (the text between the calls) and the text of the media-only output.
        var labels = Count("Attachments returned by tool call toolu_1:") + Count("Attachments returned by tool call toolu_2:");
        var assistantTurn = Count("Taking a screenshot.\n\nAnd fetching the report.") - (3 + Count("assistant") + Count("Taking a screenshot.") + Count("And fetching the report."));
        Assert.Equal(Counter.Count(request, OutputPlan.For(request), MessageLayout.Responses) + labels + assistantTurn, Counter.Count(request, OutputPlan.For(request), MessageLayout.Chat));
    }

    [Fact]
    public void Counts_tool_names_and_strict_schemas_as_openais_limits_make_them()
    {
        const string LongName = "mcp__a_rather_long_server_name__with_a_tool_whose_name_runs_past_sixty_four";
        const string Schema = """{"type":"object","properties":{"path":{"type":"string","description":"File"},"limit":{"type":"integer"}},"required":["path"]}""";
        var strict = StrictSchema.From(JsonDocument.Parse(Schema).RootElement);
        var upstreamName = UpstreamToolName.For(LongName);
        Assert.NotEqual(LongName, upstreamName);
        Assert.True(strict.Strict);

        var request = ToolRequest(LongName, $"{Schema},\"strict\":true");

        // The same request as the upstream gets it: the shortened name, the strict schema (optional properties nullable and required).
        var asSent = ToolRequest(upstreamName, strict.Schema.GetRawText());
        Assert.Equal(Counter.Count(asSent, OutputPlan.For(asSent), MessageLayout.Chat), Counter.Count(request, OutputPlan.For(request), MessageLayout.Chat));
        Assert.Equal(Counter.Count(asSent, OutputPlan.For(asSent), MessageLayout.Responses), Counter.Count(request, OutputPlan.For(request), MessageLayout.Responses));
    }

    private static MessagesRequest ToolRequest(string name, string schemaAndStrict) => JsonSerializer.Deserialize($$$"""
        {"model":"claude-x","max_tokens":100,"tools":[{"name":"{{{name}}}","description":"Reads a file.","input_schema":{{{schemaAndStrict}}}}],"messages":[
          {"role":"user","content":"Read a.txt."},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"{{{name}}}","input":{"path":"a.txt"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"hello"}]}]}
        """, AnthropicJsonContext.Default.MessagesRequest)!;

    private static MessagesRequest Request(string conversation) => JsonSerializer.Deserialize(
        conversation == MediaTurn ? MediaTurnJson() : RecordedFixtures.RequestBody(conversation), AnthropicJsonContext.Default.MessagesRequest)!;

    /// <summary>Two calls in one turn with text between them; the first returns text and a PNG, the second an image URL and a PDF.</summary>
    private static string MediaTurnJson()
    {
        var png = Convert.ToBase64String(TokenCounterTests.Header("png", 640, 480));
        var pdf = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Pages >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>\n%%EOF"));
        return """
            {"model":"claude-x","max_tokens":100,"system":"You are terse.","messages":[
              {"role":"user","content":"Look at the screen and the report."},
              {"role":"assistant","content":[{"type":"text","text":"Taking a screenshot."},{"type":"tool_use","id":"toolu_1","name":"screenshot","input":{}},
                {"type":"text","text":"And fetching the report."},{"type":"tool_use","id":"toolu_2","name":"fetch","input":{"url":"https://example.com/report"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"Captured."},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"PNG_DATA"}}]},
                {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"image","source":{"type":"url","url":"https://example.com/chart.png"}},
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"PDF_DATA"}}]},
                {"type":"text","text":"What do you see?"}]}],
             "tools":[{"name":"screenshot","description":"Takes a screenshot.","input_schema":{"type":"object","properties":{}}},
              {"name":"fetch","description":"Fetches a page.","input_schema":{"type":"object","properties":{"url":{"type":"string"}}}}]}
            """.Replace("PNG_DATA", png, StringComparison.Ordinal).Replace("PDF_DATA", pdf, StringComparison.Ordinal);
    }

    /// <summary>The tool definitions (their own formula) and the reply's priming: the request without its conversation.</summary>
    private static long ToolsAndPriming(MessagesRequest request, MessageLayout layout)
    {
        var bare = request with { System = null, Messages = [] };
        return Counter.Count(bare, OutputPlan.For(bare), layout);
    }

    private static ChatCompletionRequest SentChat(MessagesRequest request)
    {
        var plan = Plans.For(request, "gpt-5.1");
        return ChatRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
    }

    private static ResponsesRequest SentResponses(MessagesRequest request)
    {
        var plan = Plans.For(request, "gpt-5.1");
        return ResponsesRequestTranslator.Translate(plan.Request, (UpstreamTarget)plan.Targets[0]);
    }

    private static long Count(string? text) => Counter.Count(text ?? string.Empty);

    private static long ChatPart(ChatContentPart part) => part.Type switch
    {
        "text" => Count(part.Text),
        "image_url" => Image(part.ImageUrl!.Url),
        _ => Pdf(part.File!.FileData),
    };

    private static long ResponsesPart(ResponsesContentPart part) => part.Type switch
    {
        "input_text" or "output_text" => Count(part.Text),
        "input_image" => Image(part.ImageUrl!),
        _ => Pdf(part.FileData!),
    };

    private static long Image(string url) => url.StartsWith("data:", StringComparison.Ordinal) ? MediaTokens.Image(url[(url.IndexOf(',') + 1)..]) : MediaTokens.UnknownImage;

    private static long Pdf(string dataUrl) => MediaTokens.Pdf(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
}
