namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// One event of a Responses stream. Its <c>type</c> says which fields it carries:
/// <c>response.output_item.added/done</c> an <c>item</c>, the <c>*.delta</c> events a <c>delta</c>,
/// <c>response.completed/incomplete/failed</c> a <c>response</c>, <c>error</c> a code and message.
/// </summary>
internal sealed record ResponsesStreamEvent
{
    public string? Type { get; init; }
    public int? OutputIndex { get; init; }

    /// <summary>reasoning_summary_part.added: which part of the summary begins.</summary>
    public int? SummaryIndex { get; init; }
    public ResponsesOutputItem? Item { get; init; }
    public string? Delta { get; init; }

    /// <summary>response.output_text.annotation.added: a citation of the text streamed so far.</summary>
    public ResponsesAnnotation? Annotation { get; init; }
    public ResponsesResponse? Response { get; init; }

    /// <summary>error: the code, message, and, on some servers, a nested error.</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }
    public ResponsesError? Error { get; init; }
}
