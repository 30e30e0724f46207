namespace Translator.Api.Anthropic;

/// <summary><c>context_management</c> (beta <c>context-management-2025-06-27</c>): edits applied before the prompt reaches the model.</summary>
internal sealed record ContextManagement
{
    public IReadOnlyList<ContextEdit>? Edits { get; init; }
}
