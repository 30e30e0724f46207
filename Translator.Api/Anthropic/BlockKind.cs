namespace Translator.Api.Anthropic;

internal enum BlockKind
{
    None,
    Text,
    Thinking,
    ToolUse,
    ServerToolUse,
    WebSearchToolResult,
}
