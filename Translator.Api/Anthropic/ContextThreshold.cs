namespace Translator.Api.Anthropic;

/// <summary>A size in a context edit: <c>{type:"input_tokens"|"tool_uses"|"thinking_turns", value}</c>.</summary>
internal sealed record ContextThreshold(string? Type, long? Value);
