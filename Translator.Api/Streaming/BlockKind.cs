namespace Translator.Api.Streaming;

internal enum BlockKind
{
    None,
    Text,
    Thinking,
    ToolUse,
}
