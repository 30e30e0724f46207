using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>The <c>usage</c> object of <c>message_start</c> and <c>message_delta</c>, written straight to the stream.</summary>
internal static class UsageJson
{
    public static void Write(Utf8JsonWriter json, Usage usage)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("input_tokens"u8, usage.InputTokens);
        json.WriteNumber("cache_creation_input_tokens"u8, usage.CacheCreationInputTokens);
        json.WriteNumber("cache_read_input_tokens"u8, usage.CacheReadInputTokens);
        json.WriteNumber("output_tokens"u8, usage.OutputTokens);
        if (usage.ServerToolUse is { } serverTools)
        {
            json.WriteStartObject("server_tool_use"u8);
            json.WriteNumber("web_search_requests"u8, serverTools.WebSearchRequests);
            json.WriteNumber("web_fetch_requests"u8, serverTools.WebFetchRequests);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
