namespace Translator.Api.Anthropic;

/// <summary>
/// A thinking block. The signature is always present (empty when the upstream gives none):
/// Amp's UI reads <c>signature.length</c>.
/// </summary>
internal sealed record ResponseThinkingBlock(string Thinking, string Signature) : ResponseContentBlock;
