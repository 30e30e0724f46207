namespace Translator.Api.Protocols.Anthropic;

internal sealed record ResponseTextBlock(string Text) : ResponseContentBlock;
