using Translator.Api.Anthropic;
using Translator.Api.Upstreams;

namespace Translator.Api.Tokens;

/// <summary>An assistant turn's tokens, laid out as the protocol sends it (<see cref="MessageLayout"/>).</summary>
/// <param name="plan">The tool names as they go upstream.</param>
internal struct AssistantTurnTokens(TokenCounter counter, OutputPlan plan, CancellationToken cancellationToken) : IAssistantTurnWriter
{
    public long Total { get; private set; }

    public void ToolCall(ContentBlock toolUse, string callId) =>
        Total += MessageFraming.PerToolCall + counter.Count(callId, cancellationToken) + counter.Count(plan.UpstreamName(toolUse.Name!), cancellationToken)
            + counter.Count(toolUse.Input!.Value.GetRawText(), cancellationToken);

    public void Message(string? text) =>
        Total += MessageFraming.PerMessage + counter.Count("assistant", cancellationToken) + counter.Count(text ?? string.Empty, cancellationToken);

    // Neither is text the counter can read: the reasoning is encrypted, the search replayed by its id.
    public readonly void Reasoning(ContentBlock thinking, string itemId, string encryptedContent)
    {
    }

    public readonly void WebSearchCall(ContentBlock serverToolUse)
    {
    }
}
