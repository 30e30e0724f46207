using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary>Responses usage to Anthropic usage, by the rule both protocols share (<see cref="UsageMap"/>).</summary>
internal static class ResponsesUsageMap
{
    public static Usage ToAnthropic(ResponsesUsage usage) =>
        UsageMap.From(usage.InputTokens, usage.InputTokensDetails?.CachedTokens ?? 0, usage.InputTokensDetails?.CacheWriteTokens ?? 0, usage.OutputTokens);
}
