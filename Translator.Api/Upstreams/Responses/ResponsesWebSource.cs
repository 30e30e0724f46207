namespace Translator.Api.Upstreams.Responses;

/// <summary>A page a search read (<c>include: ["web_search_call.action.sources"]</c>).</summary>
internal sealed record ResponsesWebSource(string? Type, string? Url, string? Title);
