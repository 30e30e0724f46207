using Translator.Api.Anthropic;
using Translator.Api.Errors;
using Translator.Api.Models;
using Translator.Api.Passthrough;

namespace Translator.Api.Apis;

/// <summary>
/// <c>GET /v1/models</c> in Anthropic's shape for Anthropic clients (they send
/// <c>anthropic-version</c>); OpenAI clients asking the same URL get CLIProxyAPI's own list.
/// </summary>
internal static class ModelsApi
{
    /// <summary>Anthropic's list endpoints' <c>limit</c>: 20 unless given, 1 to 1000.</summary>
    private const int DefaultLimit = 20, MaxLimit = 1000;

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", ListModels);
        app.MapGet("/v1/models/{id}", GetModel);

        return app;
    }

    private static Task ListModels(HttpContext context, ModelCatalog catalog, PassthroughForwarder forwarder)
    {
        if (!IsAnthropicClient(context.Request))
        {
            return forwarder.ForwardToUpstreamAsync(context);
        }

        var query = context.Request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            return new ApiErrorResult(ApiError.InvalidRequest($"limit: Must be between 1 and {MaxLimit}.")).ExecuteAsync(context);
        }

        IEnumerable<ModelInfo> models = catalog.Models;
        if (query["after_id"].ToString() is { Length: > 0 } afterId)
        {
            models = models.SkipWhile(m => m.Id != afterId).Skip(1);
        }

        if (query["before_id"].ToString() is { Length: > 0 } beforeId)
        {
            var before = models.TakeWhile(m => m.Id != beforeId).ToList();
            models = before.Skip(Math.Max(0, before.Count - limit));
        }

        var page = models.Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        var list = new ModelList(page.Take(limit).ToList(), hasMore);
        return TypedResults.Json(list, AnthropicJson.ModelList).ExecuteAsync(context);
    }

    private static Task GetModel(HttpContext context, string id, ModelCatalog catalog, PassthroughForwarder forwarder)
    {
        if (!IsAnthropicClient(context.Request))
        {
            return forwarder.ForwardToUpstreamAsync(context);
        }

        IResult result = catalog.Find(id) is { } model
            ? TypedResults.Json(model, AnthropicJson.ModelInfo)
            : new ApiErrorResult(ApiError.NotFound($"model: {id}"));
        return result.ExecuteAsync(context);
    }

    private static bool IsAnthropicClient(HttpRequest request) => request.Headers.ContainsKey("anthropic-version");
}
