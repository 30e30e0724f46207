using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIChat;
using Translator.Api.Protocols.OpenAIResponses;

namespace Translator.Api.Translation;

/// <summary>
/// OpenAI usage to Anthropic usage. OpenAI's input tokens include the cached ones; Anthropic's
/// <c>input_tokens</c> does not, so cached tokens move to <c>cache_read_input_tokens</c>.
/// </summary>
internal static class UsageMap
{
    public static Usage FromChat(ChatUsage usage) =>
        From(usage.PromptTokens, usage.PromptTokensDetails?.CachedTokens ?? 0, usage.CompletionTokens);

    public static Usage FromResponses(ResponsesUsage usage) =>
        From(usage.InputTokens, usage.InputTokensDetails?.CachedTokens ?? 0, usage.OutputTokens);

    private static Usage From(long input, long cached, long output)
    {
        cached = Math.Clamp(cached, 0, input);
        return new Usage
        {
            InputTokens = input - cached,
            CacheReadInputTokens = cached,
            CacheCreationInputTokens = 0,
            OutputTokens = output,
        };
    }
}
