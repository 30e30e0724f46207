using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// OpenAI usage to Anthropic usage, for both protocols. OpenAI's input tokens include the cached
/// ones; Anthropic's <c>input_tokens</c> does not, so cached tokens move to <c>cache_read_input_tokens</c>.
/// </summary>
internal static class UsageMap
{
    public static Usage From(long input, long cached, long output)
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
