namespace Translator.Api.Anthropic;

internal sealed record ResponseTextBlock(string Text) : ResponseContentBlock;
