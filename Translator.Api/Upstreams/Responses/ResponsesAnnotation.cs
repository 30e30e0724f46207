namespace Translator.Api.Upstreams.Responses;

/// <summary>An annotation of output text: <c>url_citation</c> marks the characters [start, end) as citing a page.</summary>
internal sealed record ResponsesAnnotation
{
    public string? Type { get; init; }

    public int? StartIndex { get; init; }

    public int? EndIndex { get; init; }

    public string? Url { get; init; }

    public string? Title { get; init; }
}
