using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Api.Upstreams.Responses;

/// <summary>The error of a failed response (or an <c>error</c> stream event) as the client sees it.</summary>
internal static class ResponsesErrorMap
{
    public static ApiError From(string? code, string? message, string? type = null)
    {
        message = string.IsNullOrWhiteSpace(message) ? $"The upstream failed the response ({code ?? "no code"})." : message;
        return CodexLoginError.From(status: null, message, code, type) ?? code switch
        {
            "rate_limit_exceeded" => ApiError.RateLimit(message),
            // Codex's usage limit inside a stream carries no reset time: the words say what it is.
            CodexQuota.Type => CodexQuota.Unspecified.Error(resetsAt: null, now: default),
            "insufficient_quota" => ApiError.ForStatus(402, message),
            ContextLengthError.Code => ContextLengthError.From(message),
            "invalid_prompt" or "invalid_request_error" => ApiError.InvalidRequest(message),
            "server_is_overloaded" or "slow_down" => ApiError.Overloaded(message),
            _ => ApiError.Internal(message),
        };
    }

    public static ApiError From(ResponsesError? error) => From(error?.Code, error?.Message, error?.Type);
}
