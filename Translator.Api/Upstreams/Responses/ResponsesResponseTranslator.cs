using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>A Responses response to an Anthropic message: reasoning, text and function calls, in order.</summary>
internal static class ResponsesResponseTranslator
{
    public static MessagesResponse? Translate(ResponsesResponse response, string requestedModel, ClientProfile profile, out ApiError? error)
    {
        error = null;
        if (response.Status == "failed")
        {
            error = ResponsesErrorMap.From(response.Error);
            return null;
        }

        var blocks = new List<ResponseContentBlock>();
        var refused = false;
        var hasToolUse = false;
        var searches = 0;
        var titles = ResponsesWebSearch.Titles(response.Output ?? []);
        foreach (var item in response.Output ?? [])
        {
            switch (item.Type)
            {
                case "web_search_call":
                    var toolUseId = ResponsesWebSearch.ToolUseId(item.Id);
                    blocks.Add(new ResponseServerToolUseBlock(toolUseId, WebSearch.ToolName, ResponsesWebSearch.Input(item)));
                    blocks.Add(new ResponseWebSearchToolResultBlock(toolUseId, ResponsesWebSearch.Results(item, titles)));
                    searches++;
                    break;
                case "reasoning":
                    var thinking = string.Join("\n\n", (item.Summary ?? []).Select(s => s.Text));
                    if (item is { Id: { } id, EncryptedContent: { } encrypted })
                    {
                        blocks.Add(new ResponseThinkingBlock(thinking, ReasoningSignature.Encode(id, encrypted)));
                    }
                    else if (thinking.Length > 0)
                    {
                        blocks.Add(new ResponseThinkingBlock(thinking, ThinkingSignature.ForText(thinking)));
                    }

                    break;
                case "message":
                    foreach (var part in item.Content ?? [])
                    {
                        var text = part.Type == "refusal" ? part.Refusal : part.Text;
                        refused |= part.Type == "refusal";
                        if (text is { Length: > 0 })
                        {
                            blocks.AddRange(part.Annotations is { Count: > 0 } annotations ? ResponsesWebSearch.CitedText(text, annotations) : [new ResponseTextBlock(text)]);
                        }
                    }

                    break;
                case "function_call":
                    if (!ToolArguments.TryParse(item.Arguments, out var input))
                    {
                        error = ApiError.BadGateway($"The upstream called tool {item.Name} with arguments that are not a JSON object.");
                        return null;
                    }

                    blocks.Add(new ResponseToolUseBlock(ToolIdCodec.ToAnthropic(item.CallId), item.Name ?? string.Empty, input)
                    {
                        Signature = profile == ClientProfile.Amp ? string.Empty : null,
                    });
                    hasToolUse = true;
                    break;
            }
        }

        return new MessagesResponse
        {
            Id = Ids.NewMessageId(),
            Model = requestedModel,
            Content = blocks,
            StopReason = ResponsesStopReasonMap.FromResponse(response, hasToolUse, refused),
            StopSequence = null,
            Usage = (response.Usage is { } usage ? ResponsesUsageMap.ToAnthropic(usage) : new Usage()) with
            {
                ServerToolUse = searches > 0 ? new ServerToolUsage(searches) : null,
            },
        };
    }
}
