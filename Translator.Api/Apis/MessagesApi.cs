using Translator.Api.Anthropic;
using Translator.Api.Errors;
using Translator.Api.Forwarding;

namespace Translator.Api.Apis;

/// <summary>The Anthropic Messages surface, at Anthropic's paths and at the Amp CLI's.</summary>
internal static class MessagesApi
{
    // Every other method on these routes is answered here: the passthrough below them all would
    // otherwise hand a GET to the upstream and return its 404 in OpenAI's shape.
    private static readonly string[] OtherMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        // Claude Code posts to /v1/messages?beta=true; the query string does not change the route.
        app.MapPost("/v1/messages", CreateMessage);
        app.MapPost("/v1/messages/count_tokens", CountTokens);

        // Amp (classic mode) calls its Anthropic provider under its own prefix.
        app.MapPost("/api/provider/anthropic/v1/messages", CreateAmpMessage);
        app.MapPost("/api/provider/anthropic/v1/messages/count_tokens", CountTokens);

        foreach (var route in (string[])["/v1/messages", "/v1/messages/count_tokens", "/api/provider/anthropic/v1/messages", "/api/provider/anthropic/v1/messages/count_tokens"])
        {
            app.MapMethods(route, OtherMethods, MethodNotAllowed);
        }

        return app;
    }

    private static Task CreateMessage(HttpContext context, MessagesHandler handler) => handler.HandleAsync(context, ClientProfile.Anthropic);

    private static Task CreateAmpMessage(HttpContext context, MessagesHandler handler) => handler.HandleAsync(context, ClientProfile.Amp);

    private static Task<IResult> CountTokens(HttpContext context, MessagesHandler handler) => handler.CountTokensAsync(context);

    private static Task MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return ApiErrorResult.WriteAsync(context, ApiError.ForStatus(
            StatusCodes.Status405MethodNotAllowed,
            $"{context.Request.Method} is not allowed on {context.Request.Path}: it takes POST."));
    }
}
