using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// Anthropic Messages request to OpenAI Responses request (the Codex models' native protocol).
/// The input has passed <see cref="MessagesRequestValidator"/>.
/// </summary>
internal static class ResponsesRequestTranslator
{
    /// <param name="target">What the call planner decided for this request (<c>Models/CallPlanner</c>).</param>
    public static ResponsesRequest Translate(MessagesRequest request, UpstreamTarget target)
    {
        var upstreamModel = target.Model;
        var plan = target.Output;
        var input = new List<ResponsesInputItem>(request.Messages!.Count + 2);
        var breakpoints = CacheBreakpoints.Of(request, target.PromptCacheMode, systemIsContent: false);
        foreach (var message in request.Messages!)
        {
            switch (message.Role)
            {
                case "system":
                    input.Add(ResponsesInputItem.Message(MessageLayout.Responses.SystemRole, breakpoints.Split(message.Content) is { } segments
                        ? [.. segments.Select(s => ResponsesContentPart.InputText(s.Text) with { PromptCacheBreakpoint = s.Breakpoint })]
                        : [ResponsesContentPart.InputText(AnthropicContent.JoinText(message.Content!))]));
                    break;
                case "assistant":
                    AddAssistant(message.Content!, input, UpstreamModels.TakesPhase(upstreamModel), plan);
                    break;
                default:
                    AddUser(message.Content!, input, breakpoints);
                    break;
            }
        }

        var webSearch = request.Tools?.FirstOrDefault(WebSearch.IsTool);
        var tools = LoadedTools.Of(request) is { Count: > 0 } definitions
            ? definitions.Select(t => WebSearch.IsTool(t) ? ResponsesWebSearch.Tool(t) : Function(t, plan)).ToList()
            : null;
        var isReasoningModel = UpstreamModels.IsReasoningModel(upstreamModel);
        var effort = target.ReasoningEffort;

        return new ResponsesRequest
        {
            Model = upstreamModel,
            Instructions = AnthropicContent.SystemText(request),
            Input = input,
            Tools = tools,
            ToolChoice = tools is null ? null : request.ToolChoice?.Type switch
            {
                "auto" => ResponsesToolChoice.Auto,
                "any" => ResponsesToolChoice.Required,
                "tool" => ResponsesToolChoice.Function(plan.UpstreamName(request.ToolChoice.Name!)),
                "none" => ResponsesToolChoice.None,
                _ => null,
            },
            ParallelToolCalls = tools is not null && request.ToolChoice?.DisableParallelToolUse == true ? false : null,
            MaxOutputTokens = OutputPlan.UpstreamMaxTokens(request.MaxTokens, target.OutputLimit),
            MaxToolCalls = webSearch?.MaxUses,
            // Dropped on purpose, here and nowhere else:
            // - stop_sequences: the Responses API has no such parameter; the translator cuts the answer (StopSequenceMatcher).
            // - temperature, top_p: reasoning models reject them; other models get them as sent.
            // - top_k, metadata: no counterpart upstream (context_management was applied before);
            //   RequestFeatures says what becomes of every field (container and mcp_servers are refused).
            // - cache_control: OpenAI caches prompt prefixes by itself; where breakpoints are switched on,
            //   the marks it can take are the parts' prompt_cache_breakpoint (CacheBreakpoints). The
            //   system prompt's cannot be: instructions are a string, and the next mark covers them.
            // - thinking blocks whose signature is not ours: their reasoning cannot be replayed.
            // - web_search_tool_result blocks of earlier turns: the API replays a search as its call
            //   (web_search_call), whose results the model has read; the text that cited them stays.
            Temperature = isReasoningModel ? null : request.Temperature,
            TopP = isReasoningModel ? null : request.TopP,
            Text = plan.Format is { } format ? new ResponsesText(new ResponsesTextFormat(OutputPlan.FormatName, format.Schema, format.Strict)) : null,
            Reasoning = effort is null ? null : new ResponsesReasoning(effort, "auto"),
            Store = false,
            PromptCacheKey = target.PromptCacheKey,
            PromptCacheRetention = target.PromptCacheRetention,
            PromptCacheOptions = target.PromptCacheMode is { } mode ? new PromptCacheOptions(mode) : null,
            // Without storage upstream, the reasoning of a turn survives only if it comes back encrypted.
            Include = (isReasoningModel, webSearch is not null) switch
            {
                (true, true) => ["reasoning.encrypted_content", ResponsesWebSearch.IncludeSources],
                (true, false) => ["reasoning.encrypted_content"],
                (false, true) => [ResponsesWebSearch.IncludeSources],
                _ => null,
            },
            Stream = request.Stream == true ? true : null,
        };
    }

    private static ResponsesTool Function(ToolDefinition tool, OutputPlan plan) => plan.ToolSchema(tool.Name!) is { } strict
        ? ResponsesTool.Function(plan.UpstreamName(tool.Name!), tool.Description, strict.Schema, strict.Strict)
        : ResponsesTool.Function(plan.UpstreamName(tool.Name!), tool.Description, tool.InputSchema);

    private static void AddUser(MessageContent content, List<ResponsesInputItem> input, CacheBreakpoints breakpoints)
    {
        if (content.Blocks is not { } blocks)
        {
            input.Add(ResponsesInputItem.Message("user", [ResponsesContentPart.InputText(content.Text!)]));
            return;
        }

        var writer = new ResponsesUserTurnWriter(input, breakpoints);
        MessageLayout.Responses.LayOutUser(blocks, ref writer);
        writer.Finish();
    }

    /// <summary>A text, image or document block as a content part (null for an empty text).</summary>
    public static ResponsesContentPart? ToPart(ContentBlock block) => block.Type switch
    {
        "text" when block.Text is { Length: > 0 } text => ResponsesContentPart.InputText(text),
        "image" => ResponsesContentPart.InputImage(InputMedia.ImageUrl(block)),
        "search_result" => ResponsesContentPart.InputText(AnthropicContent.SearchResultText(block)),
        "document" when InputMedia.DocumentText(block) is { } text => ResponsesContentPart.InputText(text),
        "document" => new ResponsesContentPart { Type = "input_file", Filename = InputMedia.PdfFileName(block), FileData = InputMedia.PdfDataUrl(block) },
        _ => null,
    };

    /// <param name="phased">Label the turn's messages with their phase (<see cref="WithPhases"/>).</param>
    private static void AddAssistant(MessageContent content, List<ResponsesInputItem> input, bool phased, OutputPlan plan)
    {
        var start = input.Count;
        AddAssistantItems(content, input, plan);
        if (phased)
        {
            WithPhases(input, start);
        }
    }

    /// <summary>
    /// The phase of each replayed assistant message, from where it stands in its turn: a message
    /// that more of the turn follows (tool calls, searches, more text) was a preamble
    /// (<c>commentary</c>); the turn's last message, with nothing after it, its <c>final_answer</c>.
    /// That is how the model labels them, and the client's transcript keeps the order, so the label
    /// comes back as the model gave it without a field of its own to carry it.
    /// </summary>
    private static void WithPhases(List<ResponsesInputItem> input, int start)
    {
        var last = input.Count - 1;
        for (var i = start; i <= last; i++)
        {
            if (input[i] is { Type: "message", Role: "assistant" } message)
            {
                input[i] = message with { Phase = i == last ? "final_answer" : "commentary" };
            }
        }
    }

    private static void AddAssistantItems(MessageContent content, List<ResponsesInputItem> input, OutputPlan plan)
    {
        if (content.Blocks is not { } blocks)
        {
            input.Add(ResponsesInputItem.Message("assistant", [ResponsesContentPart.OutputText(content.Text!)]));
            return;
        }

        var writer = new ResponsesAssistantTurnWriter(input, plan);
        MessageLayout.Responses.LayOutAssistant(blocks, ref writer);
    }
}
