namespace Translator.Api.Upstreams.Responses;

/// <summary>An output item: <c>reasoning</c>, <c>message</c> or <c>function_call</c>.</summary>
internal sealed record ResponsesOutputItem
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Status { get; init; }

    /// <summary>message: output_text and refusal parts.</summary>
    public IReadOnlyList<ResponsesOutputContent>? Content { get; init; }

    /// <summary>function_call</summary>
    public string? CallId { get; init; }

    /// <summary>function_call</summary>
    public string? Name { get; init; }

    /// <summary>function_call</summary>
    public string? Arguments { get; init; }

    /// <summary>reasoning</summary>
    public IReadOnlyList<ResponsesSummaryPart>? Summary { get; init; }

    /// <summary>reasoning: present when <c>include</c> asked for it.</summary>
    public string? EncryptedContent { get; init; }

    /// <summary>web_search_call: the search it ran.</summary>
    public ResponsesWebSearchAction? Action { get; init; }
}
