using System.Text;

namespace Translator.Api.Anthropic;

/// <summary>Reading Anthropic content the same way for every upstream protocol.</summary>
internal static class AnthropicContent
{
    /// <summary>How a failed tool's result reads to a model that has no <c>is_error</c> field.</summary>
    public const string ToolErrorPrefix = "The tool reported an error:\n";

    /// <summary>The request's system prompt as the model reads it: without Claude Code's billing line, blocks joined; empty when there is none.</summary>
    public static string SystemText(MessagesRequest request) => BillingLine.Strip(request.System) is { } system ? JoinText(system) : string.Empty;

    /// <summary>A string, or text blocks joined by blank lines.</summary>
    public static string JoinText(MessageContent content) =>
        content.Blocks is not { } blocks ? content.Text! : blocks.Count == 1 ? blocks[0].Text! : string.Join("\n\n", blocks.Select(b => b.Text));

    /// <summary>
    /// A search_result as the model reads it: its title and source on lines of their own, then its
    /// text, so that the model can name where what it says came from (no citations are produced).
    /// </summary>
    public static string SearchResultText(ContentBlock result) =>
        $"Search result: {result.Title}\nSource: {result.Source!.Name}\n\n{string.Join("\n\n", result.Content!.Blocks!.Select(b => b.Text))}";

    /// <summary>
    /// A tool_result as text (its text blocks, text documents and loaded tools, with the error prefix
    /// when it failed) and the blocks the text cannot hold (images, PDFs).
    /// </summary>
    public static (string Text, List<ContentBlock> Media) SplitToolResult(ContentBlock result)
    {
        var prefix = result.IsError == true ? ToolErrorPrefix : string.Empty;
        var media = new List<ContentBlock>();
        if (result.Content?.Blocks is not { } blocks)
        {
            return (prefix + (result.Content?.Text ?? string.Empty), media);
        }

        var text = new StringBuilder(prefix);
        foreach (var block in blocks)
        {
            if (block.Type is "text" or "tool_reference" or "search_result" || block is { Type: "document", Source.Type: "text" })
            {
                if (text.Length > prefix.Length)
                {
                    text.Append('\n');
                }

                // A loaded tool's definition goes upstream with the tools (LoadedTools); here the model reads that it may call it now.
                text.Append(block.Type switch
                {
                    "tool_reference" => $"Tool loaded: {block.ToolName}",
                    "search_result" => SearchResultText(block),
                    _ => block.Text ?? block.Source!.Data,
                });
            }
            else
            {
                media.Add(block);
            }
        }

        return (text.ToString(), media);
    }
}
