namespace Translator.Api.Upstreams;

/// <summary>
/// <c>prompt_cache_options</c> (GPT-5.6 and later, both protocols): <c>explicit</c> caches only at the
/// request's breakpoints, <c>implicit</c> adds OpenAI's own at the newest message; <c>30m</c> is the
/// only lifetime the API takes.
/// </summary>
internal sealed record PromptCacheOptions(string Mode, string Ttl = "30m");
