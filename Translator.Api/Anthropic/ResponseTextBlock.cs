namespace Translator.Api.Anthropic;

/// <param name="Citations">The web pages the text cites (web search); none for plain text.</param>
internal sealed record ResponseTextBlock(string Text, IReadOnlyList<WebSearchCitation>? Citations = null) : ResponseContentBlock;
