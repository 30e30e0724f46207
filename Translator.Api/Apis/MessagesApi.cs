using Translator.Api.Anthropic;
using Translator.Api.Forwarding;

namespace Translator.Api.Apis;

/// <summary>The Anthropic Messages surface, at Anthropic's paths and at the Amp CLI's.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        // Claude Code posts to /v1/messages?beta=true; the query string does not change the route.
        app.MapPost("/v1/messages", CreateMessage);
        app.MapPost("/v1/messages/count_tokens", CountTokens);

        // Amp (classic mode) calls its Anthropic provider under its own prefix.
        app.MapPost("/api/provider/anthropic/v1/messages", CreateAmpMessage);
        app.MapPost("/api/provider/anthropic/v1/messages/count_tokens", CountTokens);

        return app;
    }

    private static Task CreateMessage(HttpContext context, MessagesHandler handler) => handler.HandleAsync(context, ClientProfile.Anthropic);

    private static Task CreateAmpMessage(HttpContext context, MessagesHandler handler) => handler.HandleAsync(context, ClientProfile.Amp);

    private static Task<IResult> CountTokens(HttpContext context, MessagesHandler handler) => handler.CountTokensAsync(context);
}
