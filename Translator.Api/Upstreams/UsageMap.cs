using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// OpenAI usage to Anthropic usage, for both protocols. OpenAI's input tokens include the ones read
/// from and written to the prompt cache; Anthropic's <c>input_tokens</c> includes neither, so they
/// move to <c>cache_read_input_tokens</c> and <c>cache_creation_input_tokens</c>, and the three add
/// up to the upstream's prompt tokens.
/// </summary>
internal static class UsageMap
{
    public static Usage From(long input, long cached, long written, long output)
    {
        cached = Math.Clamp(cached, 0, input);
        written = Math.Clamp(written, 0, input - cached);
        return new Usage
        {
            InputTokens = input - cached - written,
            CacheReadInputTokens = cached,
            CacheCreationInputTokens = written,
            OutputTokens = output,
        };
    }
}
