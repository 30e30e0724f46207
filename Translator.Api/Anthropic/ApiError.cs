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

    public static ApiError InvalidRequest(string message) => new(400, "invalid_request_error", message);

    public static ApiError Authentication(string message) => new(401, "authentication_error", message);

    public static ApiError Permission(string message) => new(403, "permission_error", message);

    public static ApiError NotFound(string message) => new(404, "not_found_error", message);

    public static ApiError RequestTooLarge(string message) => new(413, "request_too_large", message);

    public static ApiError RateLimit(string message) => new(429, "rate_limit_error", message);

    public static ApiError Internal(string message) => new(500, "api_error", message);

    public static ApiError BadGateway(string message) => new(502, "api_error", message);

    public static ApiError Timeout(string message) => new(504, "timeout_error", message);

    public static ApiError Overloaded(string message) => new(529, "overloaded_error", message);

    /// <summary>The Anthropic error type of a status code, for statuses with no more specific cause.</summary>
    public static ApiError ForStatus(int statusCode, string message) => statusCode switch
    {
        401 => Authentication(message),
        403 => Permission(message),
        404 => NotFound(message),
        413 => RequestTooLarge(message),
        429 => RateLimit(message),
        504 => Timeout(message),
        529 => Overloaded(message),
        >= 400 and < 500 => new(statusCode, "invalid_request_error", message),
        _ => new(statusCode, "api_error", message),
    };
}
