namespace Translator.Api.Anthropic;

/// <summary><c>thinking</c>: enabled (with budget_tokens), disabled, adaptive (Claude Code) or auto (Amp).</summary>
internal sealed record ThinkingConfig
{
    public string? Type { get; init; }
    public long? BudgetTokens { get; init; }

    /// <summary><c>summarized</c> (the default: the thinking text) or <c>omitted</c> (empty text, the signature only).</summary>
    public string? Display { get; init; }
}
