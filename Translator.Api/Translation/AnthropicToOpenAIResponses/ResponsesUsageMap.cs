using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIResponses;

namespace Translator.Api.Translation.AnthropicToOpenAIResponses;

/// <summary>Responses usage to Anthropic usage: cached input tokens move to <c>cache_read_input_tokens</c>.</summary>
internal static class ResponsesUsageMap
{
    public static Usage From(ResponsesUsage usage)
    {
        var cached = Math.Clamp(usage.InputTokensDetails?.CachedTokens ?? 0, 0, usage.InputTokens);
        return new Usage
        {
            InputTokens = usage.InputTokens - cached,
            CacheReadInputTokens = cached,
            OutputTokens = usage.OutputTokens,
        };
    }

    /// <summary>The stop reason of a finished response.</summary>
    public static string StopReason(ResponsesResponse response, bool hasToolUse, bool refused) =>
        (response.Status, response.IncompleteDetails?.Reason) switch
        {
            ("incomplete", "max_output_tokens") => StopReasonMap.MaxTokens,
            ("incomplete", "content_filter") => StopReasonMap.Refusal,
            _ when refused => StopReasonMap.Refusal,
            _ when hasToolUse => StopReasonMap.ToolUse,
            _ => StopReasonMap.EndTurn,
        };
}
