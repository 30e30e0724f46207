using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// Which content blocks each place may hold and what each block needs: the system prompt, a
/// system entry among the messages, a user or an assistant message, and a tool result.
/// </summary>
internal static class ContentBlockValidator
{
    private const string User = "user";
    private const string Assistant = "assistant";

    /// <summary>The top-level <c>system</c>: text blocks only. Paths are from <c>system</c>.</summary>
    public static InvalidField? CheckSystemPrompt(MessageContent? system)
    {
        if (RequireList(system) is { } invalid)
        {
            return invalid;
        }

        var blocks = system?.Blocks ?? [];
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not { Type: "text", Text: not null })
            {
                return InvalidField.Here("System blocks must be text blocks with a 'text' field.").Within(i);
            }
        }

        return null;
    }

    /// <summary>A <c>system</c> entry among the messages (Claude Code sends them): text blocks only. Paths are from its content.</summary>
    public static InvalidField? CheckSystemMessage(MessageContent content)
    {
        var blocks = content.Blocks ?? [];
        for (var i = 0; i < blocks.Count; i++)
        {
            var invalid = blocks[i] is { Type: "text" } block ? RequireText(block) : new("type", "System messages may only hold text blocks.");
            if (invalid is not null)
            {
                return invalid.Within(i);
            }
        }

        return null;
    }

    /// <summary>
    /// The blocks of a message whose role is <c>user</c> or <c>assistant</c>, its tool uses and
    /// results fed to <paramref name="pairing"/>. Paths are from the message's content.
    /// </summary>
    public static InvalidField? CheckMessage(MessageContent content, string role, ToolUsePairing pairing)
    {
        var blocks = content.Blocks ?? [];
        for (var i = 0; i < blocks.Count; i++)
        {
            var invalid = blocks[i] is { } block ? CheckBlock(block, role, pairing) : InvalidField.Here("Must be an object.");
            if (invalid is not null)
            {
                return invalid.Within(i);
            }
        }

        // Whitespace alone is refused only when it is all the message says: Anthropic accepts [" ", "real"]
        // and refuses [" "] or ["\n"] (its API measured in LibreChat-AI/agents#124), in these words, naming
        // only the list (anthropics/claude-code#23369, #23440). Whitespace beside other blocks was not measured.
        return IsBlank(content) ? InvalidField.ByList("text content blocks must contain non-whitespace text") : null;
    }

    private static bool IsBlank(MessageContent content) =>
        content.Text is { Length: > 0 } text ? string.IsNullOrWhiteSpace(text)
        : content.Blocks is { Count: > 0 } blocks && blocks.All(b => b is { Type: "text" } && string.IsNullOrWhiteSpace(b.Text));

    /// <summary>Content given as one object instead of a string or a list is valid only as a failed search's result.</summary>
    public static InvalidField? RequireList(MessageContent? content) =>
        content is { IsSingleObject: true } ? InvalidField.Here("Must be a string or an array of content blocks.") : null;

    /// <summary>Each block type, the role whose messages may hold it, and its rules; paths are from the block.</summary>
    private static InvalidField? CheckBlock(ContentBlock block, string role, ToolUsePairing pairing) => (block.Type, role) switch
    {
        ("text", _) => CheckMessageText(block),
        ("image" or "document", User) => MediaValidator.Check(block),
        ("search_result", User) => CheckSearchResult(block),
        ("tool_result", User) => CheckToolResult(block, pairing),
        ("tool_use", Assistant) => CheckToolUse(block, pairing),
        ("thinking", Assistant) => block.Thinking is null ? new("thinking", "Field required.") : null,
        ("redacted_thinking", Assistant) => block.Data is null ? new("data", "Field required.") : null,
        (WebSearch.ServerToolUse, Assistant) => WebSearchValidator.CheckServerToolUse(block) ?? RequireObjectInput(block),
        (WebSearch.ToolResult, Assistant) => WebSearchValidator.CheckToolResult(block),
        ("tool_use" or "thinking" or "redacted_thinking", User) => OnlyIn(Assistant, block.Type),
        ("tool_result" or "image" or "document" or "search_result", Assistant) => OnlyIn(User, block.Type),
        (null, _) => new("type", "Field required."),
        _ => new("type", $"Unknown content block type {InvalidField.Quote(block.Type)}; expected 'text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking' or 'redacted_thinking'."),
    };

    /// <summary>The blocks a message and a tool result have in common, with the same rules in both.</summary>
    private static InvalidField? CheckTextOrMedia(ContentBlock block) =>
        block.Type == "text" ? RequireText(block) : MediaValidator.Check(block);

    /// <summary>
    /// A text block of a user or assistant message must hold text. Anthropic's two wordings, as its
    /// 400s print them: with cache_control the block's path is named ("messages.306.content.2.text:
    /// cache_control cannot be set for empty text blocks", Fixtures/anthropic-error-bodies.json, from
    /// anthropics/claude-code#52057); without, only the list ("messages: text content blocks must be
    /// non-empty", anthropics/claude-code#53473 and #59812; an empty block anywhere, as measured in
    /// LibreChat-AI/agents#124). A tool result's text is not checked: a tool may well return
    /// nothing, and no refusal of that is on record.
    /// </summary>
    private static InvalidField? CheckMessageText(ContentBlock block) => block.Text switch
    {
        null => RequireText(block),
        { Length: 0 } when block.CacheControl is not null => new("text", "cache_control cannot be set for empty text blocks"),
        { Length: 0 } => InvalidField.ByList("text content blocks must be non-empty"),
        _ => null,
    };

    private static InvalidField? CheckToolUse(ContentBlock block, ToolUsePairing pairing)
    {
        if (string.IsNullOrEmpty(block.Id) || !ToolIdentifiers.IsValid(block.Id))
        {
            return new("id", "Field required; must match ^[a-zA-Z0-9_-]+$.");
        }

        if (string.IsNullOrEmpty(block.Name))
        {
            return new("name", "Field required.");
        }

        return RequireObjectInput(block) ?? pairing.Use(block.Id);
    }

    private static InvalidField? CheckToolResult(ContentBlock block, ToolUsePairing pairing)
    {
        if (string.IsNullOrEmpty(block.ToolUseId))
        {
            return new("tool_use_id", "Field required.");
        }

        if (pairing.Answer(block.ToolUseId) is { } unpaired)
        {
            return unpaired;
        }

        return (RequireList(block.Content) ?? CheckToolResultContent(block.Content?.Blocks ?? []))?.Within("content");
    }

    private static InvalidField? CheckToolResultContent(IReadOnlyList<ContentBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var invalid = blocks[i] is not { } block ? InvalidField.Here("Must be an object.") : block.Type switch
            {
                "text" or "image" or "document" => CheckTextOrMedia(block),
                "search_result" => CheckSearchResult(block),
                // Which tool it names is checked with the tools (ToolsValidator).
                "tool_reference" => null,
                _ => new("type", $"Tool results may hold 'text', 'image', 'document', 'search_result' and 'tool_reference' blocks, not {InvalidField.Quote(block.Type)}."),
            };

            if (invalid is not null)
            {
                return invalid.Within(i);
            }
        }

        return null;
    }

    /// <summary>A search result (in a user message or a tool result): where it came from, its title, and its text blocks.</summary>
    private static InvalidField? CheckSearchResult(ContentBlock block)
    {
        if (block.Source?.Name is null)
        {
            return new("source", "Field required; must be a string.");
        }

        if (block.Title is null)
        {
            return new("title", "Field required.");
        }

        if (block.Content?.Blocks is not { Count: > 0 } blocks || block.Content.IsSingleObject)
        {
            return new("content", "Field required; must be a non-empty array of text blocks.");
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var invalid = blocks[i] is { Type: "text" } text ? RequireText(text) : InvalidField.Here("Search result content may only hold text blocks.");
            if (invalid is not null)
            {
                return invalid.Within(i).Within("content");
            }
        }

        return null;
    }

    private static InvalidField? RequireText(ContentBlock block) => block.Text is null ? new("text", "Field required.") : null;

    private static InvalidField? RequireObjectInput(ContentBlock block) =>
        block.Input is { ValueKind: JsonValueKind.Object } ? null : new("input", "Field required; must be an object.");

    private static InvalidField OnlyIn(string role, string type) => new("type", $"'{type}' blocks may only appear in {role} messages.");
}
