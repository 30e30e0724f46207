namespace Translator.Api.Anthropic;

/// <summary>The sizes a too-long prompt's error names, where its upstream named them.</summary>
internal readonly record struct PromptSize(long? Tokens, long? Maximum);
