using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>
/// The edges of the HTTP surface answer in Anthropic's envelope, from the translator itself: a body
/// over the limit gets its 413 even while it is still being sent, a body not declared as JSON is a
/// bad request, and a method the route does not serve is 405, never the upstream's answer.
/// </summary>
public sealed class HttpEdgeTests(TranslatorFixture fixture) : IClassFixture<TranslatorFixture>
{
    // Past the default limit of 32 MB (Translator:Limits:MaxRequestBodyBytes), as in issue 21.
    private const int FortyMegabytes = 40 * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_gets_413_request_too_large_not_a_reset_connection(bool chunked)
    {
        using var http = fixture.App.CreateHttpClient();
        HttpContent content = chunked ? new StreamContent(new MemoryStream(OversizedBody())) : new ByteArrayContent(OversizedBody());
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", ErrorOf(await response.Content.ReadAsStringAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_client_that_sends_the_whole_oversized_body_before_reading_still_reads_the_413()
    {
        var address = new Uri(fixture.App.BaseUrl);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var body = OversizedBody();

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /v1/messages HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 413 ", answer);
        Assert.Contains("\"type\":\"request_too_large\"", answer);
    }

    [Theory]
    [InlineData("/v1/messages", "text/plain")]
    [InlineData("/v1/messages", "application/x-www-form-urlencoded")]
    [InlineData("/v1/messages/count_tokens", "text/plain; charset=utf-8")]
    public async Task A_body_not_declared_as_json_is_a_bad_request_that_names_its_content_type(string path, string contentType)
    {
        using var http = fixture.App.CreateHttpClient();
        var content = new StringContent(Requests.Simple());
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await http.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = ErrorOf(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(contentType, error.GetProperty("message").GetString());
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Theory]
    [InlineData("GET", "/v1/messages")]
    [InlineData("GET", "/v1/messages/count_tokens")]
    [InlineData("PUT", "/v1/messages")]
    [InlineData("DELETE", "/v1/messages")]
    [InlineData("GET", "/api/provider/anthropic/v1/messages")]
    public async Task A_method_the_route_does_not_serve_gets_405_with_allow_and_never_reaches_the_upstream(string method, string path)
    {
        using var http = fixture.App.CreateHttpClient();
        var before = fixture.Upstream.OtherRequests.Count;

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var error = ErrorOf(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(method, error.GetProperty("message").GetString());
        Assert.Equal(before, fixture.Upstream.OtherRequests.Count);
    }

    private static byte[] OversizedBody()
    {
        var body = new byte[FortyMegabytes];
        var start = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""u8;
        start.CopyTo(body);
        body.AsSpan(start.Length).Fill((byte)'x');
        "\"}]}"u8.CopyTo(body.AsSpan(body.Length - 4));
        return body;
    }

    private static JsonElement ErrorOf(string envelope)
    {
        var root = JsonDocument.Parse(envelope).RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        return root.GetProperty("error");
    }
}
