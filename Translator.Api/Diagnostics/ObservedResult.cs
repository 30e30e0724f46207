namespace Translator.Api.Diagnostics;

/// <summary>Runs a result, then ends the chat operation, so the response's writing counts in its duration.</summary>
internal sealed class ObservedResult(IResult inner, ChatOperation operation) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            operation.ClientFirstByte();
            await inner.ExecuteAsync(httpContext);
        }
        finally
        {
            operation.Dispose();
        }
    }
}
