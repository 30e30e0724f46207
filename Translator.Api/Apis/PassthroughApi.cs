using Translator.Api.Passthrough;

namespace Translator.Api.Apis;

/// <summary>Everything not translated: Amp's own routes to Amp, every other route to CLIProxyAPI.</summary>
internal static class PassthroughApi
{
    // Amp's control plane: sign-in, user, threads, telemetry, docs and feeds.
    private static readonly string[] AmpRoutes =
    [
        "/api/{**rest}", "/auth/{**rest}", "/threads", "/threads/{**rest}", "/threads.rss", "/news.rss",
        "/docs", "/docs/{**rest}", "/settings", "/settings/{**rest}",
    ];

    // Amp's other model providers are served by CLIProxyAPI under its own paths.
    private static readonly string[] AmpProviderPrefixes = ["openai", "google", "anthropic"];

    public static IEndpointRouteBuilder MapPassthroughApi(this IEndpointRouteBuilder app)
    {
        foreach (var provider in AmpProviderPrefixes)
        {
            app.Map($"/api/provider/{provider}/{{**rest}}", (HttpContext context, string rest, PassthroughForwarder forwarder) =>
                forwarder.ForwardToUpstreamAsync(context, "/" + rest));
        }

        foreach (var route in AmpRoutes)
        {
            app.Map(route, (HttpContext context, PassthroughForwarder forwarder) => forwarder.ForwardToAmpAsync(context));
        }

        // Native Amp builds run their model loop in Amp's cloud, over HTTP and a WebSocket here
        // (YARP forwards the upgrade): Amp serves them, untranslated, rather than CLIProxyAPI's 404.
        app.Map("/actors/{**rest}", (HttpContext context, PassthroughForwarder forwarder) => forwarder.ForwardToAmpActorsAsync(context));

        // Lowest precedence: every route above and every translated route wins over it.
        app.Map("/{**path}", (HttpContext context, PassthroughForwarder forwarder) => forwarder.ForwardToUpstreamAsync(context));

        return app;
    }
}
