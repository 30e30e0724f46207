using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>A content block of an assistant message, as Anthropic returns it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ResponseThinkingBlock), "thinking")]
[JsonDerivedType(typeof(ResponseTextBlock), "text")]
[JsonDerivedType(typeof(ResponseToolUseBlock), "tool_use")]
[JsonDerivedType(typeof(ResponseServerToolUseBlock), "server_tool_use")]
[JsonDerivedType(typeof(ResponseWebSearchToolResultBlock), "web_search_tool_result")]
internal abstract record ResponseContentBlock;
