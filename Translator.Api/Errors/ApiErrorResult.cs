using System.Buffers;
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
        if (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await CompleteThenDrainAsync(httpContext);
        }
    }

    /// <summary>
    /// A body refused as too large is still on its way: the whole answer goes out first, then the
    /// rest of the body is read and dropped, so that the client, which may send all of it before it
    /// reads, finishes sending and reads the 413 instead of a reset connection. Kestrel's own size
    /// limit bounds the reading; past it, or if the client leaves, the connection simply closes.
    /// </summary>
    private static async Task CompleteThenDrainAsync(HttpContext httpContext)
    {
        await httpContext.Response.CompleteAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await httpContext.Request.Body.ReadAsync(buffer, httpContext.RequestAborted) > 0)
            {
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Over Kestrel's limit, or gone: the connection ends, the answer has been sent.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
