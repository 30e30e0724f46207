namespace Translator.Api.Anthropic;

internal sealed record ThinkingCapability(bool Supported, ThinkingTypes Types);
