namespace Translator.Api.Anthropic;

internal sealed record EffortCapability(bool Supported, Capability Low, Capability Medium, Capability High, Capability Xhigh, Capability Max);
