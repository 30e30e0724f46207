using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>
/// The client's <c>cache_control</c> marks that become the upstream's explicit prompt-cache
/// breakpoints (<c>Translator:Caching:Breakpoints</c>, GPT-5.6 and later). OpenAI takes a breakpoint
/// only on input content (user text, images, files, tool outputs, system messages, and the system
/// prompt where the protocol sends it as a message), so marks on tools, assistant blocks and thinking have no place upstream and
/// are left out. A request writes at most four breakpoints, one of them OpenAI's own in
/// <c>implicit</c> mode: the latest marks are kept, as they end the longest prefixes.
/// </summary>
internal sealed class CacheBreakpoints
{
    public const string ExplicitMode = "explicit";

    private const int MaxPerRequest = 4;

    private readonly HashSet<ContentBlock> _marked;

    private CacheBreakpoints(HashSet<ContentBlock> marked) => _marked = marked;

    public static CacheBreakpoints None { get; } = new(new HashSet<ContentBlock>(ReferenceEqualityComparer.Instance));

    /// <param name="mode"><see cref="ExplicitMode"/>, <c>implicit</c>, or null for none.</param>
    /// <param name="systemIsContent">Whether the system prompt goes upstream as message content (Chat) rather than as a string (Responses <c>instructions</c>).</param>
    public static CacheBreakpoints Of(MessagesRequest request, string? mode, bool systemIsContent)
    {
        if (mode is null)
        {
            return None;
        }

        var marked = new List<ContentBlock>();
        if (systemIsContent && BillingLine.Strip(request.System)?.Blocks is { } system)
        {
            marked.AddRange(system.Where(IsMarked));
        }

        foreach (var message in request.Messages!)
        {
            if (message.Role is "user" or "system" && message.Content!.Blocks is { } blocks)
            {
                marked.AddRange(blocks.Where(b => b.Type is "text" or "image" or "document" or "tool_result" && (IsMarked(b) || b.Content?.Blocks?.Any(IsMarked) == true)));
            }
        }

        if (marked.Count == 0)
        {
            return None;
        }

        var kept = mode == ExplicitMode ? MaxPerRequest : MaxPerRequest - 1;
        return new CacheBreakpoints(new HashSet<ContentBlock>(marked.Skip(Math.Max(0, marked.Count - kept)), ReferenceEqualityComparer.Instance));
    }

    public bool Any => _marked.Count > 0;

    /// <summary>The breakpoint for the part that ends this block, if the block carries one.</summary>
    public PromptCacheBreakpoint? At(ContentBlock block) => _marked.Contains(block) ? PromptCacheBreakpoint.Explicit : null;

    /// <summary>
    /// Text blocks joined as <see cref="AnthropicContent.JoinText"/> joins them, cut after each block
    /// that carries a breakpoint; null when none does (the text then goes as one string).
    /// </summary>
    public List<(string Text, PromptCacheBreakpoint? Breakpoint)>? Split(MessageContent? content)
    {
        if (content?.Blocks is not { } blocks || !blocks.Any(_marked.Contains))
        {
            return null;
        }

        var segments = new List<(string, PromptCacheBreakpoint?)>();
        var text = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
            {
                text.Append("\n\n");
            }

            text.Append(blocks[i].Text);
            if (At(blocks[i]) is { } breakpoint)
            {
                segments.Add((text.ToString(), breakpoint));
                text.Clear();
            }
        }

        if (text.Length > 0)
        {
            segments.Add((text.ToString(), null));
        }

        return segments;
    }

    private static bool IsMarked(ContentBlock block) => block.CacheControl is not null;
}
