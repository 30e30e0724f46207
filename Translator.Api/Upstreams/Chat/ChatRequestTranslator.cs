using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// Anthropic Messages request to OpenAI Chat Completions request. The input has passed
/// <see cref="MessagesRequestValidator"/>.
/// </summary>
internal static class ChatRequestTranslator
{
    /// <summary>Chat Completions takes at most four <c>stop</c> sequences.</summary>
    private const int MaxStopSequences = 4;

    /// <param name="target">What the call planner decided for this request (<c>Models/CallPlanner</c>).</param>
    public static ChatCompletionRequest Translate(MessagesRequest request, UpstreamTarget target)
    {
        var upstreamModel = target.Model;
        var plan = target.Output;
        var messages = new List<ChatMessage>(request.Messages!.Count + 2);
        var breakpoints = CacheBreakpoints.Of(request, target.PromptCacheMode, systemIsContent: true);
        if (SystemContent(request, breakpoints) is { } system)
        {
            messages.Add(new ChatMessage { Role = "system", Content = system });
        }

        foreach (var message in request.Messages!)
        {
            switch (message.Role)
            {
                case "system":
                    messages.Add(new ChatMessage { Role = MessageLayout.Chat.SystemRole, Content = SystemContent(message.Content!, breakpoints) });
                    break;
                case "assistant":
                    AddAssistant(message.Content!, messages, plan);
                    break;
                default:
                    AddUser(message.Content!, messages, breakpoints);
                    break;
            }
        }

        var tools = TranslateTools(LoadedTools.Of(request), plan);
        var isReasoningModel = UpstreamModels.IsReasoningModel(upstreamModel);
        var stream = request.Stream == true;

        return new ChatCompletionRequest
        {
            Model = upstreamModel,
            Messages = messages,
            // Every model takes max_completion_tokens: OpenAI's reasoning models refuse max_tokens, and
            // CLIProxyAPI's Chat endpoint reads either for the Gemini models it serves.
            MaxCompletionTokens = OutputPlan.UpstreamMaxTokens(request.MaxTokens, target.OutputLimit),
            // Dropped on purpose, here and nowhere else:
            // - temperature, top_p and stop: reasoning models (GPT-5.x, o-series, Codex) answer them with
            //   400 unsupported_parameter; other models get them as sent.
            // - top_k: Chat Completions has no such parameter.
            // - cache_control: OpenAI caches prompt prefixes by itself; where breakpoints are switched
            //   on, the marks it can take are the parts' prompt_cache_breakpoint (CacheBreakpoints).
            // - thinking blocks of earlier turns: Chat Completions has no input field for prior reasoning.
            // - context_management (applied before), service_tier, inference_geo: Anthropic-side settings;
            //   RequestFeatures says what becomes of every field (container and mcp_servers are refused).
            Temperature = isReasoningModel ? null : request.Temperature,
            TopP = isReasoningModel ? null : request.TopP,
            // Where stop is not sent, the translator cuts the answer (StopSequenceMatcher).
            Stop = isReasoningModel || request.StopSequences is not { Count: > 0 and <= MaxStopSequences } ? null : request.StopSequences,
            ReasoningEffort = target.ReasoningEffort,
            Tools = tools,
            ToolChoice = tools is null ? null : TranslateToolChoice(request.ToolChoice, plan),
            // OpenAI rejects parallel_tool_calls when no tools are given.
            ParallelToolCalls = tools is not null && request.ToolChoice?.DisableParallelToolUse == true ? false : null,
            ResponseFormat = plan.Format is { } format ? new ChatResponseFormat(new ChatJsonSchema(OutputPlan.FormatName, format.Schema, format.Strict)) : null,
            User = UserIdentifier.From(request.Metadata?.UserId),
            PromptCacheKey = target.PromptCacheKey,
            PromptCacheRetention = target.PromptCacheRetention,
            PromptCacheOptions = target.PromptCacheMode is { } mode ? new PromptCacheOptions(mode) : null,
            Stream = stream ? true : null,
            StreamOptions = stream ? new ChatStreamOptions(IncludeUsage: true) : null,
        };
    }

    /// <summary>
    /// The system prompt as one string or, when the client marked its blocks for caching, as text
    /// parts that end where the marks are (the same text, cut at the breakpoints).
    /// </summary>
    private static ChatMessageContent? SystemContent(MessagesRequest request, CacheBreakpoints breakpoints)
    {
        var text = AnthropicContent.SystemText(request);
        return text.Length == 0 ? null
            : breakpoints.Any && breakpoints.Split(BillingLine.Strip(request.System)) is { } segments ? Parts(segments)
            : new ChatMessageContent(text);
    }

    /// <summary>A system message: its text, or its text cut at its marks.</summary>
    private static ChatMessageContent SystemContent(MessageContent content, CacheBreakpoints breakpoints) =>
        breakpoints.Split(content) is { } segments ? Parts(segments) : new ChatMessageContent(AnthropicContent.JoinText(content));

    private static ChatMessageContent Parts(List<(string Text, PromptCacheBreakpoint? Breakpoint)> segments) =>
        new([.. segments.Select(s => ChatContentPart.FromText(s.Text) with { PromptCacheBreakpoint = s.Breakpoint })]);

    private static void AddUser(MessageContent content, List<ChatMessage> messages, CacheBreakpoints breakpoints)
    {
        if (content.Blocks is not { } blocks)
        {
            messages.Add(new ChatMessage { Role = "user", Content = new ChatMessageContent(content.Text!) });
            return;
        }

        var writer = new ChatUserTurnWriter(messages, breakpoints);
        MessageLayout.Chat.LayOutUser(blocks, ref writer);
        writer.Finish();
    }

    /// <summary>A text, image or document block as a content part (null for an empty text).</summary>
    public static ChatContentPart? ToPart(ContentBlock block) => block.Type switch
    {
        "text" when block.Text is { Length: > 0 } text => ChatContentPart.FromText(text),
        "image" => ChatContentPart.FromImageUrl(InputMedia.ImageUrl(block)),
        "search_result" => ChatContentPart.FromText(AnthropicContent.SearchResultText(block)),
        "document" when InputMedia.DocumentText(block) is { } text => ChatContentPart.FromText(text),
        "document" => new ChatContentPart { Type = "file", File = new ChatFile(InputMedia.PdfFileName(block), InputMedia.PdfDataUrl(block)) },
        _ => null,
    };

    private static void AddAssistant(MessageContent content, List<ChatMessage> messages, OutputPlan plan)
    {
        if (content.Blocks is not { } blocks)
        {
            messages.Add(new ChatMessage { Role = "assistant", Content = new ChatMessageContent(content.Text!) });
            return;
        }

        // A turn that held only thinking has nothing Chat Completions can take: the layout gives no message.
        var writer = new ChatAssistantTurnWriter(messages, plan);
        MessageLayout.Chat.LayOutAssistant(blocks, ref writer);
    }

    private static List<ChatTool>? TranslateTools(IReadOnlyList<ToolDefinition>? tools, OutputPlan plan)
    {
        if (tools is not { Count: > 0 })
        {
            return null;
        }

        var result = new List<ChatTool>(tools.Count);
        foreach (var tool in tools)
        {
            var strict = plan.ToolSchema(tool.Name!);
            result.Add(new ChatTool(new ChatFunctionDefinition
            {
                Name = plan.UpstreamName(tool.Name!),
                Description = tool.Description,
                Parameters = strict?.Schema ?? tool.InputSchema,
                Strict = strict?.Strict,
            }));
        }

        return result;
    }

    private static ChatToolChoice? TranslateToolChoice(ToolChoice? choice, OutputPlan plan) => choice?.Type switch
    {
        "auto" => ChatToolChoice.Auto,
        "any" => ChatToolChoice.Required,
        "tool" => ChatToolChoice.Function(plan.UpstreamName(choice.Name!)),
        "none" => ChatToolChoice.None,
        _ => null,
    };
}
