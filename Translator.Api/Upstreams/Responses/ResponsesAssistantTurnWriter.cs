using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>An assistant turn as Responses input items, in the turn's order.</summary>
internal readonly struct ResponsesAssistantTurnWriter(List<ResponsesInputItem> input, OutputPlan plan) : IAssistantTurnWriter
{
    public void ToolCall(ContentBlock toolUse, string callId) =>
        input.Add(new ResponsesInputItem
        {
            Type = "function_call",
            CallId = callId,
            Name = plan.UpstreamName(toolUse.Name!),
            Arguments = toolUse.Input!.Value.GetRawText(),
        });

    public void Message(string? text) => input.Add(ResponsesInputItem.Message("assistant", [ResponsesContentPart.OutputText(text!)]));

    public void Reasoning(ContentBlock thinking, string itemId, string encryptedContent) =>
        input.Add(new ResponsesInputItem
        {
            Type = "reasoning",
            Id = itemId,
            Summary = thinking.Thinking is { Length: > 0 } summary ? [ResponsesSummaryPart.Of(summary)] : [],
            EncryptedContent = encryptedContent,
        });

    public void WebSearchCall(ContentBlock serverToolUse) => input.Add(ResponsesWebSearch.Replay(serverToolUse));
}
