namespace Translator.Api.Upstreams.Responses;

/// <summary>A response object: the whole answer (non-streamed), or the last stream event's <c>response</c>.</summary>
internal sealed record ResponsesResponse
{
    public string? Id { get; init; }
    public string? Model { get; init; }

    /// <summary>completed, incomplete, failed, in_progress.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<ResponsesOutputItem>? Output { get; init; }
    public ResponsesUsage? Usage { get; init; }
    public ResponsesIncompleteDetails? IncompleteDetails { get; init; }
    public ResponsesError? Error { get; init; }
}
