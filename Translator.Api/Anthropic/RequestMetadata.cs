namespace Translator.Api.Anthropic;

/// <summary><c>metadata</c>: an opaque end-user id (Claude Code sends a JSON string of its own).</summary>
internal sealed record RequestMetadata
{
    public string? UserId { get; init; }
}
