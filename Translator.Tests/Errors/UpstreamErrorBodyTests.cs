using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Errors;

/// <summary>
/// An upstream error body that is not JSON (a CDN's or proxy's HTML page) reaches the client as one short
/// line: status, content type, size and its first line of text. The whole body goes to the Debug log, without the key.
/// </summary>
public sealed class UpstreamErrorBodyTests(UpstreamErrorBodyTests.Fixture fixture) : IClassFixture<UpstreamErrorBodyTests.Fixture>, IDisposable
{
    private const string HtmlPage =
        "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title><style>body { color: red; }</style></head>\n"
        + "<body><h1>Internal Server Error</h1><p>The proxy could not serve the request &amp; gave up. Key upstream-secret-key.</p></body></html>\n";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Translator.Api.Forwarding.MessagesHandler"] = "Debug",
        };
    }

    public static IEnumerable<object[]> Bodies() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from row in new object[][]
        {
            [500, "text/html", HtmlPage, "api_error", $"The upstream answered 500 (text/html, {Encoding.UTF8.GetByteCount(HtmlPage)} bytes): 500 Internal Server Error"],
            [502, "text/plain", "upstream connect error or disconnect/reset before headers\nreset reason: overflow\n", "api_error",
                "The upstream answered 502 (text/plain, 81 bytes): upstream connect error or disconnect/reset before headers"],
            [500, "text/plain", "", "api_error", "The upstream answered 500 with no message."],
            [500, "application/json", """{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}""", "api_error",
                "The server had an error while processing your request."],
        }
        select (object[])[dialect, stream, .. row];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task The_client_gets_a_short_message_for_a_body_that_is_not_json_and_the_json_message_as_before(
        string dialect, bool stream, int status, string contentType, string body, string type, string expected)
    {
        _upstream.Responder = _ => UpstreamReply.Json(body, status, ("Content-Type", contentType));
        var app = fixture.AppFor(UpstreamDialect.Of(dialect));
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(stream: stream), Encoding.UTF8, "application/json"));

        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(expected, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    public async Task The_whole_page_goes_to_the_debug_log_without_the_upstream_key(string dialect)
    {
        _upstream.Responder = _ => UpstreamReply.Json(HtmlPage, 500, ("Content-Type", "text/html; charset=utf-8"));
        var app = fixture.AppFor(UpstreamDialect.Of(dialect));
        app.Logs.Clear();
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Id == 12);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Contains("gave up. Key [redacted].</p></body></html>", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("upstream-secret-key", line.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _upstream.Responder = null;
}
