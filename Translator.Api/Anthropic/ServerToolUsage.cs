namespace Translator.Api.Anthropic;

/// <summary><c>usage.server_tool_use</c>: how many web searches (and fetches, which the translator never runs) the answer used.</summary>
internal sealed record ServerToolUsage(long WebSearchRequests)
{
    public long WebFetchRequests => 0;
}
