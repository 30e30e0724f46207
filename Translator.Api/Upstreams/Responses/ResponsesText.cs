namespace Translator.Api.Upstreams.Responses;

/// <summary><c>text</c>: the answer's format.</summary>
internal sealed record ResponsesText(ResponsesTextFormat Format);
