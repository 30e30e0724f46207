namespace Translator.Api.Upstreams.Responses;

/// <summary>
/// One item of <c>input</c>: a <c>message</c>, a <c>function_call</c> the model made, the
/// <c>function_call_output</c> that answers it, or a <c>reasoning</c> item handed back.
/// </summary>
internal sealed record ResponsesInputItem
{
    public required string Type { get; init; }

    /// <summary>message: user, assistant or developer.</summary>
    public string? Role { get; init; }

    /// <summary>message</summary>
    public IReadOnlyList<ResponsesContentPart>? Content { get; init; }

    /// <summary>reasoning</summary>
    public string? Id { get; init; }

    /// <summary>function_call, function_call_output</summary>
    public string? CallId { get; init; }

    /// <summary>function_call</summary>
    public string? Name { get; init; }

    /// <summary>function_call</summary>
    public string? Arguments { get; init; }

    /// <summary>function_call_output: text, or parts when a tool returned images.</summary>
    public ResponsesToolOutput? Output { get; init; }

    /// <summary>reasoning</summary>
    public IReadOnlyList<ResponsesSummaryPart>? Summary { get; init; }

    /// <summary>reasoning</summary>
    public string? EncryptedContent { get; init; }

    /// <summary>An assistant message's <c>commentary</c> or <c>final_answer</c>, for models that label them.</summary>
    public string? Phase { get; init; }

    /// <summary>web_search_call (replayed): <c>completed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>web_search_call (replayed): the search it ran.</summary>
    public ResponsesWebSearchAction? Action { get; init; }

    public static ResponsesInputItem Message(string role, IReadOnlyList<ResponsesContentPart> content) => new() { Type = "message", Role = role, Content = content };
}
