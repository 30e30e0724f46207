namespace Translator.Api.Anthropic;

/// <summary>
/// An error as the client will see it: an HTTP status and an Anthropic error type and message.
/// Every failure becomes one of these, and <c>ApiErrorResult</c> or the stream writer
/// renders it in the Anthropic envelope.
/// </summary>
internal sealed record ApiError(int StatusCode, string Type, string Message)
{
    /// <summary>The upstream's <c>retry-after</c> value, passed on as it came.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>
    /// Set when the upstream said the prompt exceeds the model's context window, with the sizes its
    /// message gave: the handler words it as Anthropic does (<see cref="PromptTooLong"/>), filling in
    /// what the upstream did not say.
    /// </summary>
    public PromptSize? PromptTooLong { get; init; }

    public static ApiError InvalidRequest(string message) => ForStatus(400, message);

    public static ApiError Authentication(string message) => ForStatus(401, message);

    public static ApiError Permission(string message) => ForStatus(403, message);

    public static ApiError NotFound(string message) => ForStatus(404, message);

    public static ApiError RequestTooLarge(string message) => ForStatus(413, message);

    public static ApiError RateLimit(string message) => ForStatus(429, message);

    public static ApiError Internal(string message) => ForStatus(500, message);

    public static ApiError BadGateway(string message) => ForStatus(502, message);

    public static ApiError Timeout(string message) => ForStatus(504, message);

    public static ApiError Overloaded(string message) => ForStatus(529, message);

    /// <summary>
    /// The one map from an HTTP status (an upstream's, the framework's or the translator's own) to
    /// the status and Anthropic error type the client gets. Anthropic's own statuses keep their types
    /// (400 invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error, 404 not_found_error,
    /// 413 request_too_large, 429 rate_limit_error, 500 api_error, 504 timeout_error, 529
    /// overloaded_error), and any other 4xx is an invalid_request_error, as Anthropic's are.
    /// </summary>
    /// <remarks>
    /// Anthropic's API never answers 502 or 503, so they are decided here, once: 503 (the service
    /// cannot serve now) is what Anthropic calls overloaded: 529 overloaded_error; 502 (a hop behind
    /// the gateway failed, or answered with something broken) and any other 5xx is what Anthropic
    /// calls api_error, an unexpected failure, and keeps its status, which says which hop failed;
    /// 504 stays Anthropic's 504 timeout_error. Anthropic's clients retry every one of these alike
    /// (the SDKs and Claude Code retry 408, 409, 429 and every 5xx).
    /// </remarks>
    public static ApiError ForStatus(int statusCode, string message) => statusCode switch
    {
        400 => new(400, "invalid_request_error", message),
        401 => new(401, "authentication_error", message),
        402 => new(402, "billing_error", message),
        403 => new(403, "permission_error", message),
        404 => new(404, "not_found_error", message),
        413 => new(413, "request_too_large", message),
        429 => new(429, "rate_limit_error", message),
        503 or 529 => new(529, "overloaded_error", message),
        504 => new(504, "timeout_error", message),
        >= 400 and < 500 => new(statusCode, "invalid_request_error", message),
        >= 500 and < 600 => new(statusCode, "api_error", message),
        // Not an error status (an upstream's redirect): the translator failed to get an answer.
        _ => new(500, "api_error", message),
    };
}
