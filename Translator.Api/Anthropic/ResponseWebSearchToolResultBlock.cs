namespace Translator.Api.Anthropic;

/// <summary>What a web search found: a list of <see cref="WebSearchResult"/>, or a <see cref="WebSearchError"/>.</summary>
/// <param name="Content">A list of results, or the error object (Anthropic's content is one or the other).</param>
internal sealed record ResponseWebSearchToolResultBlock(string ToolUseId, object Content) : ResponseContentBlock
{
    /// <summary>Always <c>direct</c>: the model's own search, not one a server tool ran.</summary>
    public ToolCaller Caller => ToolCaller.Direct;
}
