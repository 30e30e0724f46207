namespace Translator.Api.Anthropic;

internal sealed record ThinkingTypes(Capability Adaptive, Capability BetweenTools, Capability Disabled, Capability Enabled);
