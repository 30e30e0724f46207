namespace Translator.Api.Upstreams.Responses;

/// <summary><c>reasoning</c>: the effort, and a summary of the reasoning to show as thinking.</summary>
internal sealed record ResponsesReasoning(string? Effort, string? Summary);
