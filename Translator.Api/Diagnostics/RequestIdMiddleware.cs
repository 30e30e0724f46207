using Translator.Api.Anthropic;

namespace Translator.Api.Diagnostics;

/// <summary>
/// Gives every response a <c>request-id</c> header, as Anthropic does, and uses the same id as the
/// request's TraceIdentifier, so error bodies, logs and the header agree.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var requestId = Ids.NewRequestId();
        context.TraceIdentifier = requestId;
        context.Response.Headers["request-id"] = requestId;
        return next(context);
    }
}
