using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>The status of a finished Responses response to Anthropic <c>stop_reason</c>.</summary>
internal static class ResponsesStopReasonMap
{
    public static string FromResponse(ResponsesResponse response, bool hasToolUse, bool refused) =>
        (response.Status, response.IncompleteDetails?.Reason) switch
        {
            ("incomplete", "max_output_tokens") => StopReasons.MaxTokens,
            ("incomplete", "content_filter") => StopReasons.Refusal,
            _ when refused => StopReasons.Refusal,
            _ when hasToolUse => StopReasons.ToolUse,
            _ => StopReasons.EndTurn,
        };
}
