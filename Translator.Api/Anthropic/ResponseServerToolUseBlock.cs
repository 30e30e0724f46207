using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>A tool the server ran for the model: web search, with input <c>{query}</c>.</summary>
/// <remarks><c>caller</c> is always <c>direct</c>, as on tool_use: the model itself asked for the search.</remarks>
internal sealed record ResponseServerToolUseBlock(string Id, string Name, JsonElement Input) : ResponseContentBlock
{
    public ToolCaller Caller => ToolCaller.Direct;
}
