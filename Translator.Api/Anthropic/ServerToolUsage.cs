namespace Translator.Api.Anthropic;

/// <summary><c>usage.server_tool_use</c>: how many web searches the answer ran.</summary>
internal sealed record ServerToolUsage(long WebSearchRequests);
