using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Translator.Api.Configuration;
using Translator.Api.Diagnostics;

namespace Translator.Api.Forwarding;

/// <summary>The OpenAI-compatible upstream (CLIProxyAPI), over the HttpClient the factory configures for it.</summary>
/// <remarks>
/// A named client rather than a typed one: the factory activates typed clients through a compiled
/// expression, which loads System.Linq.Expressions and its compiler for one constructor call
/// (about 3 MB of resident memory, measured).
/// </remarks>
internal sealed class UpstreamClient(IHttpClientFactory httpClientFactory, IOptions<TranslatorOptions> options, UpstreamClient.Retries retries)
{
    /// <summary>The name of the factory's client for the upstream.</summary>
    public const string HttpClientName = "upstream";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _httpClient = httpClientFactory.CreateClient(HttpClientName);

    private readonly string _baseUrl = options.Value.Upstream.BaseUrl.TrimEnd('/');

    /// <summary>The upstream's root (scheme, host, port), where CLIProxyAPI serves Anthropic's API, beside the OpenAI base (which ends in /v1).</summary>
    public string Origin { get; } = new Uri(options.Value.Upstream.BaseUrl).GetLeftPart(UriPartial.Authority);
    private readonly AuthenticationHeaderValue? _authorization =
        string.IsNullOrEmpty(options.Value.Upstream.ApiKey) ? null : new AuthenticationHeaderValue("Bearer", options.Value.Upstream.ApiKey);

    /// <summary>
    /// <c>POST</c> a JSON body to <paramref name="path"/> (<c>/chat/completions</c>, <c>/responses</c>),
    /// retried only as <see cref="UpstreamRetryPolicy"/> allows, and not at all without <paramref name="retry"/>.
    /// Returns when the response headers arrive; the caller reads and disposes the body.
    /// </summary>
    /// <param name="operation">Counts the attempts, for the call's line and span.</param>
    /// <param name="retry">False where another target of the route is the retry: no target is called twice for one request.</param>
    public ValueTask<HttpResponseMessage> PostAsync(string path, byte[] body, bool stream, CallOperation operation, CancellationToken cancellationToken, bool retry = true) =>
        Pipeline(retry).ExecuteAsync(
            static (Attempt attempt, CancellationToken token) => attempt.Client.SendAsync(attempt, token),
            new Attempt(this, _baseUrl + path, body, stream, operation, []),
            cancellationToken);

    /// <summary>
    /// <c>POST</c> an Anthropic request to the upstream's own Anthropic endpoint (<paramref name="path"/>
    /// from its root: <c>/v1/messages</c>), with the client's headers that go with it, under the
    /// same retry policy and key as every other call. Returns when the response headers arrive.
    /// </summary>
    public ValueTask<HttpResponseMessage> PostAnthropicAsync(string path, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>> headers, bool stream, CallOperation? operation, CancellationToken cancellationToken, bool retry = true) =>
        Pipeline(retry).ExecuteAsync(
            static (Attempt attempt, CancellationToken token) => attempt.Client.SendAsync(attempt, token),
            new Attempt(this, Origin + path, body, stream, operation, headers),
            cancellationToken);

    /// <summary><c>GET /models</c>: the ids the upstream serves.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        using var response = await _httpClient.SendAsync(CreateRequest(HttpMethod.Get, "/models"), cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);

        var ids = new List<string>();
        if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in data.EnumerateArray())
            {
                if (model.TryGetProperty("id", out var id) && id.GetString() is { } value)
                {
                    ids.Add(value);
                }
            }
        }

        return ids;
    }

    /// <summary>The retries, or none where another target of the route is the retry: no target is called twice for one request.</summary>
    private ResiliencePipeline<HttpResponseMessage> Pipeline(bool retry) => retry ? retries.Pipeline : ResiliencePipeline<HttpResponseMessage>.Empty;

    /// <summary>One attempt. A request message can be sent once: each attempt gets its own, over the same bytes.</summary>
    private async ValueTask<HttpResponseMessage> SendAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        attempt.Operation?.UpstreamAttempt();
        var content = new SlicedBodyContent(attempt.Body);
        content.Headers.ContentType = JsonContentType;

        var message = new HttpRequestMessage(HttpMethod.Post, attempt.Url) { Content = content };
        message.Headers.Authorization = _authorization;
        message.Headers.Accept.ParseAdd(attempt.Stream ? "text/event-stream" : "application/json");
        foreach (var (name, value) in attempt.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        // The connection holds its request until the response body ends, minutes for a stream; the
        // body (the whole translated prompt) was sent before the headers came back.
        message.Content = null;
        return response;
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path)
    {
        var message = new HttpRequestMessage(method, _baseUrl + path);
        message.Headers.Authorization = _authorization;
        return message;
    }

    /// <summary>The retry pipeline (<see cref="UpstreamRetryPolicy"/>), one for the application.</summary>
    internal sealed class Retries(ILogger<UpstreamClient> logger)
    {
        public ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = UpstreamRetryPolicy.Create(logger);
    }

    private readonly record struct Attempt(UpstreamClient Client, string Url, ReadOnlyMemory<byte> Body, bool Stream, CallOperation? Operation, IReadOnlyList<KeyValuePair<string, string>> Headers);
}
