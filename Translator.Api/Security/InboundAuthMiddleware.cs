using System.Net;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Errors;

namespace Translator.Api.Security;

/// <summary>
/// With keys configured, every route but the probes needs one of them, in <c>x-api-key</c> or
/// <c>Authorization: Bearer</c> (a key in the query string is not accepted: it ends up in logs).
/// Without keys, only loopback clients are served unless anonymous remote access is allowed.
/// </summary>
internal sealed class InboundAuthMiddleware(RequestDelegate next, ApiKeySet keys, IOptions<TranslatorOptions> options)
{
    private readonly bool _allowAnonymousRemote = options.Value.Auth.AllowAnonymousRemote;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
        {
            return next(context);
        }

        if (!keys.IsEnabled)
        {
            return _allowAnonymousRemote || IsLoopback(context.Connection.RemoteIpAddress)
                ? next(context)
                : ApiErrorResult.WriteAsync(context, ApiError.Permission(
                    "This translator has no Translator:Auth:ApiKeys and serves local clients only. Set keys, or Translator:Auth:AllowAnonymousRemote=true."));
        }

        var headers = context.Request.Headers;
        var apiKey = headers["x-api-key"].ToString();
        var bearer = BearerToken(headers.Authorization.ToString());
        if (apiKey.Length == 0 && bearer is null)
        {
            return ApiErrorResult.WriteAsync(context, ApiError.Authentication("x-api-key header is required."));
        }

        // Every key presented must be valid; a right one does not excuse a wrong one.
        var valid = (apiKey.Length == 0 || keys.Contains(apiKey)) && (bearer is null || keys.Contains(bearer));
        return valid
            ? next(context)
            : ApiErrorResult.WriteAsync(context, ApiError.Authentication("invalid x-api-key"));
    }

    private static string? BearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
