namespace Translator.Api.Anthropic;

/// <summary>The <c>stop_reason</c> values the translator answers with.</summary>
internal static class StopReasons
{
    public const string EndTurn = "end_turn";
    public const string MaxTokens = "max_tokens";
    public const string ToolUse = "tool_use";
    public const string Refusal = "refusal";
    public const string StopSequence = "stop_sequence";
}
