namespace Translator.Api.Upstreams.Responses;

/// <summary>A part of an output message: <c>output_text</c> (text) or <c>refusal</c> (refusal).</summary>
internal sealed record ResponsesOutputContent
{
    public string? Type { get; init; }
    public string? Text { get; init; }
    public string? Refusal { get; init; }

    /// <summary>output_text: the pages it cites (<c>url_citation</c>).</summary>
    public IReadOnlyList<ResponsesAnnotation>? Annotations { get; init; }
}
