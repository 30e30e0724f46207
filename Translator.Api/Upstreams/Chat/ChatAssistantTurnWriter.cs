using System.Diagnostics;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>An assistant turn as one Chat message: its text and its tool calls.</summary>
internal struct ChatAssistantTurnWriter(List<ChatMessage> messages, OutputPlan plan) : IAssistantTurnWriter
{
    private List<ChatToolCall>? _toolCalls;

    public void ToolCall(ContentBlock toolUse, string callId) =>
        (_toolCalls ??= []).Add(new ChatToolCall
        {
            Id = callId,
            Function = new ChatFunctionCall { Name = plan.UpstreamName(toolUse.Name!), Arguments = toolUse.Input!.Value.GetRawText() },
        });

    public readonly void Message(string? text) =>
        messages.Add(new ChatMessage
        {
            Role = "assistant",
            Content = text is null ? null : new ChatMessageContent(text),
            ToolCalls = _toolCalls,
        });

    // Chat's layout hands back neither: Chat Completions has no input for them.
    public readonly void Reasoning(ContentBlock thinking, string itemId, string encryptedContent) => throw new UnreachableException();

    public readonly void WebSearchCall(ContentBlock serverToolUse) => throw new UnreachableException();
}
