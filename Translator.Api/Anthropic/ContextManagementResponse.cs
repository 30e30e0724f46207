namespace Translator.Api.Anthropic;

/// <summary><c>context_management</c> of an answer (the edits applied) or of a token count (the count before them).</summary>
internal sealed record ContextManagementResponse
{
    public IReadOnlyList<AppliedContextEdit>? AppliedEdits { get; init; }

    public long? OriginalInputTokens { get; init; }
}
