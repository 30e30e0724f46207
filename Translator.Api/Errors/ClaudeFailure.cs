using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>
/// How a call on the Claude route failed before anything reached the client: the error the client
/// gets (its status, type and <c>retry-after</c>, for a fallback to decide on), the status the
/// upstream answered (none when it never answered), and, when the upstream's body already was
/// Anthropic's error envelope, that body as the client gets it (redacted), so that it is passed on
/// as it came, <c>request_id</c> and all.
/// </summary>
internal sealed record ClaudeFailure(ApiError Error, int? UpstreamStatus)
{
    /// <summary>The upstream's Anthropic error body, redacted; null when the error is the translator's own wording.</summary>
    public ReadOnlyMemory<byte>? AnthropicBody { get; init; }

    /// <summary>The upstream's headers the client sees with the error (<c>request-id</c>, <c>anthropic-ratelimit-*</c>, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
