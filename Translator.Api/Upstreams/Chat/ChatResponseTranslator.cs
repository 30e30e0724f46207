using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>OpenAI <c>chat.completion</c> to an Anthropic message.</summary>
internal static class ChatResponseTranslator
{
    /// <param name="completion">What the upstream answered.</param>
    /// <param name="requestedModel">The model the client asked for: clients (Amp) expect it back.</param>
    /// <param name="profile">The client being answered.</param>
    /// <param name="error">Set when the completion cannot be represented faithfully.</param>
    public static MessagesResponse? Translate(ChatCompletion completion, string requestedModel, ClientProfile profile, out ApiError? error)
    {
        error = null;
        if (completion.Choices is not [{ Message: { } message } choice, ..])
        {
            error = ApiError.BadGateway("The upstream answered with no choices.");
            return null;
        }

        var content = new List<ResponseContentBlock>();
        if ((message.ReasoningContent ?? message.Reasoning) is { Length: > 0 } reasoning)
        {
            content.Add(new ResponseThinkingBlock(reasoning, ThinkingSignature.ForText(reasoning)));
        }

        var refused = string.IsNullOrEmpty(message.Content) && !string.IsNullOrEmpty(message.Refusal);
        if ((refused ? message.Refusal : message.Content) is { Length: > 0 } text)
        {
            content.Add(new ResponseTextBlock(text));
        }

        var hasToolUse = false;
        foreach (var call in message.ToolCalls ?? [])
        {
            if (!ToolArguments.TryParse(call.Function?.Arguments, out var input))
            {
                error = ApiError.BadGateway($"The upstream called tool {call.Function?.Name} with arguments that are not a JSON object.");
                return null;
            }

            content.Add(new ResponseToolUseBlock(ToolIdCodec.ToAnthropic(call.Id), call.Function?.Name ?? string.Empty, input)
            {
                Signature = profile == ClientProfile.Amp ? string.Empty : null,
            });
            hasToolUse = true;
        }

        return new MessagesResponse
        {
            Id = Ids.NewMessageId(),
            Model = requestedModel,
            Content = content,
            StopReason = refused ? StopReasons.Refusal : ChatStopReasonMap.FromFinishReason(choice.FinishReason, hasToolUse),
            StopSequence = null,
            Usage = completion.Usage is { } usage ? ChatUsageMap.ToAnthropic(usage) : new Usage(),
        };
    }
}
