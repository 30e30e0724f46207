using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>A tool the server ran for the model: web search, with input <c>{query}</c>.</summary>
internal sealed record ResponseServerToolUseBlock(string Id, string Name, JsonElement Input) : ResponseContentBlock;
