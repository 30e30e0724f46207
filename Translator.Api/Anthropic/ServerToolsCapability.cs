namespace Translator.Api.Anthropic;

internal sealed record ServerToolsCapability(bool Supported, Capability CodeExecution, Capability WebSearch);
