using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Yarp.ReverseProxy.Forwarder;

namespace Translator.Api.Passthrough;

/// <summary>
/// YARP's default request transform (hop-by-hop headers and all), then the destination's own host,
/// then the credentials: the client's are removed unless they are meant for the destination, the
/// translator's own are set, and a <c>key</c> query parameter never leaves. The path may be
/// rewritten (Amp's provider prefix).
/// </summary>
internal sealed class CredentialTransformer(string? bearerToken, bool keepClientCredentials, PathString? path = null) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        // The default transform copies the client's Host (localhost:8318); a CDN in front of Amp
        // answers that with an error. Without one, HttpClient sends the destination's authority.
        proxyRequest.Headers.Host = null;

        if (!keepClientCredentials)
        {
            proxyRequest.Headers.Remove("Authorization");
            proxyRequest.Headers.Remove("x-api-key");
        }

        if (bearerToken is not null)
        {
            proxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path ?? httpContext.Request.Path, WithoutKey(httpContext.Request.QueryString));
    }

    internal static QueryString WithoutKey(QueryString query)
    {
        if (!query.HasValue || !query.Value!.Contains("key=", StringComparison.OrdinalIgnoreCase))
        {
            return query;
        }

        var builder = new QueryBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(query.Value))
        {
            if (!name.Equals("key", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    builder.Add(name, value ?? string.Empty);
                }
            }
        }

        return builder.ToQueryString();
    }
}
