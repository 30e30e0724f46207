namespace Translator.Api.Anthropic;

internal sealed record AppliedClearToolUses(long ClearedToolUses, long ClearedInputTokens) : AppliedContextEdit(ContextEditor.ClearToolUses, ClearedInputTokens);
