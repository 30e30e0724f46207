namespace Translator.Api.Anthropic;

internal sealed record AppliedClearThinking(long ClearedThinkingTurns, long ClearedInputTokens) : AppliedContextEdit(ContextEditor.ClearThinking, ClearedInputTokens);
