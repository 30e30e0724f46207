using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>One entry of <c>context_management.applied_edits</c> in an answer.</summary>
[JsonDerivedType(typeof(AppliedClearToolUses))]
[JsonDerivedType(typeof(AppliedClearThinking))]
internal abstract record AppliedContextEdit(string Type, long ClearedInputTokens);
