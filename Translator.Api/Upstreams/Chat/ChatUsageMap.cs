using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>Chat Completions usage to Anthropic usage, by the rule both protocols share (<see cref="UsageMap"/>).</summary>
internal static class ChatUsageMap
{
    public static Usage ToAnthropic(ChatUsage usage) =>
        UsageMap.From(usage.PromptTokens, usage.PromptTokensDetails?.CachedTokens ?? 0, usage.PromptTokensDetails?.CacheWriteTokens ?? 0, usage.CompletionTokens);
}
