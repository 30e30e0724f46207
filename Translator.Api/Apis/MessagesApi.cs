using Translator.Api.Forwarding;

namespace Translator.Api.Apis;

/// <summary>The Anthropic Messages surface.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        // Claude Code posts to /v1/messages?beta=true; the query string does not change the route.
        app.MapPost("/v1/messages", CreateMessage);

        return app;
    }

    private static Task<IResult> CreateMessage(HttpContext context, MessagesHandler handler) => handler.HandleAsync(context);
}
