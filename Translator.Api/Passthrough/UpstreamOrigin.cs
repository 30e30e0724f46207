using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using Translator.Api.Configuration;

namespace Translator.Api.Passthrough;

/// <summary>
/// The scheme, host and port of <c>Translator:Upstream:BaseUrl</c>, resolved through service
/// discovery the way the upstream HttpClient resolves it (<c>http://cliproxyapi</c> →
/// <c>services:cliproxyapi:http:0</c>), for the requests YARP passes through unchanged.
/// </summary>
internal sealed class UpstreamOrigin(ServiceEndpointResolver resolver, IOptions<TranslatorOptions> options)
{
    private readonly Uri _baseUrl = new(options.Value.Upstream.BaseUrl);

    /// <summary>What the translator calls the upstream, for messages.</summary>
    public string Configured => _baseUrl.GetLeftPart(UriPartial.Authority);

    public async ValueTask<string> ResolveAsync(CancellationToken cancellationToken)
    {
        var source = await resolver.GetEndpointsAsync(Configured, cancellationToken);
        if (source.Endpoints.Count == 0)
        {
            throw new HttpRequestException($"Service discovery found no endpoint for {Configured}.");
        }

        return source.Endpoints[0].EndPoint switch
        {
            UriEndPoint uri => uri.Uri.GetLeftPart(UriPartial.Authority),
            DnsEndPoint dns => $"{_baseUrl.Scheme}://{dns.Host}:{dns.Port}",
            IPEndPoint ip => $"{_baseUrl.Scheme}://{ip}",
            var other => throw new HttpRequestException($"Service discovery returned an endpoint of an unknown kind for {Configured}: {other}."),
        };
    }
}
