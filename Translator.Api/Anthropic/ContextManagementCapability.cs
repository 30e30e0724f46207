using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

internal sealed record ContextManagementCapability(
    bool Supported,
    [property: JsonPropertyName("clear_thinking_20251015")] Capability ClearThinking,
    [property: JsonPropertyName("clear_tool_uses_20250919")] Capability ClearToolUses,
    [property: JsonPropertyName("compact_20260112")] Capability Compact);
