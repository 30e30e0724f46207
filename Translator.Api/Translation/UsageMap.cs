using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIChat;

namespace Translator.Api.Translation;

/// <summary>
/// OpenAI usage to Anthropic usage. OpenAI's prompt tokens include the cached ones; Anthropic's
/// <c>input_tokens</c> does not, so cached tokens move to <c>cache_read_input_tokens</c>.
/// </summary>
internal static class UsageMap
{
    public static Usage FromChat(ChatUsage usage)
    {
        var cached = Math.Clamp(usage.PromptTokensDetails?.CachedTokens ?? 0, 0, usage.PromptTokens);
        return new Usage
        {
            InputTokens = usage.PromptTokens - cached,
            CacheReadInputTokens = cached,
            CacheCreationInputTokens = 0,
            OutputTokens = usage.CompletionTokens,
        };
    }
}
