using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>OpenAI Chat <c>finish_reason</c> to Anthropic <c>stop_reason</c>.</summary>
internal static class ChatStopReasonMap
{
    /// <param name="finishReason">The upstream's reason.</param>
    /// <param name="hasToolUse">
    /// Whether the answer holds a tool call: some servers say <c>stop</c> after calling tools, and
    /// a client only runs tools when the reason is <c>tool_use</c>.
    /// </param>
    public static string FromFinishReason(string? finishReason, bool hasToolUse) => finishReason switch
    {
        "length" => StopReasons.MaxTokens,
        "content_filter" => StopReasons.Refusal,
        "tool_calls" or "function_call" => StopReasons.ToolUse,
        _ when hasToolUse => StopReasons.ToolUse,
        _ => StopReasons.EndTurn,
    };
}
