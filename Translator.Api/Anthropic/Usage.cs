namespace Translator.Api.Anthropic;

/// <summary>
/// Token usage. <c>input_tokens</c> excludes cache reads, as Anthropic counts them;
/// clients such as Claude Code add the three input fields together.
/// </summary>
internal sealed record Usage
{
    public long InputTokens { get; init; }
    public long CacheCreationInputTokens { get; init; }
    public long CacheReadInputTokens { get; init; }
    public long OutputTokens { get; init; }

    /// <summary>The server tools the answer used (web searches); absent when none.</summary>
    public ServerToolUsage? ServerToolUse { get; init; }
}
