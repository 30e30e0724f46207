namespace Translator.Api.Fallback;

/// <summary>
/// Why a target's failure sends the request on to the next target: the <c>reason</c> tag of
/// <c>translator.fallbacks</c>, of the attempt's span event and of the call's log line.
/// </summary>
internal static class FallbackReason
{
    /// <summary>A 429 (Codex's usage limit, a rate limit) or a 402 (the account's quota).</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A 401/403: CLIProxyAPI has no usable login for the target's provider (missing, expired, resting).</summary>
    public const string Login = "login";

    /// <summary>The model is not served there (CLIProxyAPI's <c>model_not_found</c>, a 404).</summary>
    public const string ModelNotFound = "model_not_found";

    /// <summary>A 5xx: the provider or CLIProxyAPI failed, or is overloaded.</summary>
    public const string ServerError = "server_error";

    /// <summary>The connection could not be made (refused, reset, no such host).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>No response headers within <c>Translator:Upstream:HeadersTimeout</c>.</summary>
    public const string HeadersTimeout = "headers_timeout";

    /// <summary>The stream began, but failed before anything of it reached the client.</summary>
    public const string StreamError = "stream_error";

    /// <summary>Not attempted: the target is resting until the reset its last 429 named.</summary>
    public const string Cooling = "cooling";
}
