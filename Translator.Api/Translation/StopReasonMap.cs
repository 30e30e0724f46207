using Translator.Api.Protocols.OpenAIResponses;

namespace Translator.Api.Translation;

/// <summary>OpenAI <c>finish_reason</c> (Chat) or response status (Responses) to Anthropic <c>stop_reason</c>.</summary>
internal static class StopReasonMap
{
    public const string EndTurn = "end_turn";
    public const string MaxTokens = "max_tokens";
    public const string ToolUse = "tool_use";
    public const string Refusal = "refusal";

    /// <param name="finishReason">The upstream's reason.</param>
    /// <param name="hasToolUse">
    /// Whether the answer holds a tool call: some servers say <c>stop</c> after calling tools, and
    /// a client only runs tools when the reason is <c>tool_use</c>.
    /// </param>
    public static string FromChatFinishReason(string? finishReason, bool hasToolUse) => finishReason switch
    {
        "length" => MaxTokens,
        "content_filter" => Refusal,
        "tool_calls" or "function_call" => ToolUse,
        _ when hasToolUse => ToolUse,
        _ => EndTurn,
    };

    /// <summary>The stop reason of a finished Responses response.</summary>
    public static string FromResponse(ResponsesResponse response, bool hasToolUse, bool refused) =>
        (response.Status, response.IncompleteDetails?.Reason) switch
        {
            ("incomplete", "max_output_tokens") => MaxTokens,
            ("incomplete", "content_filter") => Refusal,
            _ when refused => Refusal,
            _ when hasToolUse => ToolUse,
            _ => EndTurn,
        };
}
