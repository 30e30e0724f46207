using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>Writes an <see cref="ApiError"/> as a status code and the Anthropic error envelope.</summary>
internal sealed class ApiErrorResult(ApiError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error);

    public static async Task WriteAsync(HttpContext httpContext, ApiError error)
    {
        var response = httpContext.Response;
        response.StatusCode = error.StatusCode;
        if (error.RetryAfter is not null)
        {
            response.Headers.RetryAfter = error.RetryAfter;
        }

        var body = new ErrorResponse(new ErrorDetail(error.Type, error.Message), httpContext.TraceIdentifier);
        await response.WriteAsJsonAsync(body, AnthropicJson.ErrorResponse, contentType: "application/json", httpContext.RequestAborted);
    }
}
