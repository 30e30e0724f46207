namespace Translator.Api.Upstreams.Responses;

/// <summary>What a <c>web_search_call</c> did: <c>search</c> (with its query and, when included, the sources it read), <c>open_page</c> or <c>find</c>.</summary>
internal sealed record ResponsesWebSearchAction
{
    public string? Type { get; init; }

    public string? Query { get; init; }

    public IReadOnlyList<ResponsesWebSource>? Sources { get; init; }
}
