using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>A web search that failed: <c>unavailable</c>, <c>max_uses_exceeded</c>, <c>too_many_requests</c>, <c>invalid_tool_input</c>, <c>query_too_long</c>.</summary>
internal sealed record WebSearchError(string ErrorCode)
{
    [JsonPropertyOrder(-1)]
    public string Type => "web_search_tool_result_error";
}
