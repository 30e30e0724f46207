using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Errors;

/// <summary>
/// CLIProxyAPI without a Codex login it can use: the client is told so, and how to log in, in a 403
/// that neither the translator nor the client retries (a 503 or 529 had Claude Code retrying for minutes).
/// </summary>
public sealed class CodexLoginErrorTests(CodexLoginErrorTests.Fixture fixture) : IClassFixture<CodexLoginErrorTests.Fixture>, IDisposable
{
    /// <summary>No login to pick for the model (sdk/api/handlers/handlers_errors.go and BuildErrorResponseBody in handlers.go).</summary>
    private const string NoAuthAvailable =
        """{"error":{"message":"auth_unavailable: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}""";

    private const string NoAuthFound =
        """{"error":{"message":"auth_not_found: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}""";

    /// <summary>Codex's 401 for an expired login, as CLIProxyAPI 6.10 and later rewrite it (codex_executor_terminal.go).</summary>
    private const string ExpiredLogin =
        """{"error":{"message":"Provided authentication token is expired. Please try signing in again.","type":"authentication_error","code":"auth_unavailable"}}""";

    /// <summary>Codex's 401 for a revoked login, as older CLIProxyAPI versions passed it on (CLIProxyAPI issue #3654).</summary>
    private const string InvalidatedLogin =
        """{"error":{"message":"Your authentication token has been invalidated. Please try signing in again.","type":"invalid_request_error","code":"token_invalidated","param":null},"status":401}""";

    private const string NoUsableLogin = "no usable Codex login";
    private const string RefusedLogin = "expired or was revoked";

    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture;

    private static readonly object[][] LoginErrors =
    [
        [503, NoAuthAvailable, NoUsableLogin, "auth_unavailable: no auth available (providers=codex, model=gpt-5.5)"],
        [503, NoAuthFound, NoUsableLogin, "auth_not_found: no auth available"],
        // The status the auth error carries, when CLIProxyAPI gives it one.
        [429, NoAuthAvailable, NoUsableLogin, "auth_unavailable"],
        [401, ExpiredLogin, RefusedLogin, "Provided authentication token is expired."],
        [401, InvalidatedLogin, RefusedLogin, "Your authentication token has been invalidated."],
    ];

    public static IEnumerable<object[]> LoginErrorsByDialect() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from row in LoginErrors
        select (object[])[dialect, stream, .. row];

    [Theory]
    [MemberData(nameof(LoginErrorsByDialect))]
    public async Task A_missing_or_refused_codex_login_is_a_403_that_says_how_to_log_in_and_is_sent_upstream_once(
        string dialect, bool stream, int upstreamStatus, string upstreamBody, string expected, string upstreamMessage)
    {
        _upstream.Enqueue(UpstreamReply.Json(upstreamBody, upstreamStatus));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        // A stream that has not begun fails as a plain request does: an HTTP error, not an event.
        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(stream: stream), Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Single(_upstream.Requests);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("permission_error", error.GetProperty("type").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.Contains(expected, message);
        Assert.Contains(upstreamMessage, message);
        Assert.Contains("\"Log in to Codex\"", message);
        Assert.Contains("cli-proxy-api --codex-device-login", message);
        Assert.False(response.Headers.Contains("retry-after"));
    }

    public static IEnumerable<object[]> SdkCases() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from body in new[] { NoAuthAvailable, ExpiredLogin }
        select new object[] { dialect, stream, body };

    [Theory]
    [MemberData(nameof(SdkCases))]
    public async Task The_sdk_raises_the_login_error_as_a_permission_error_without_retrying(string dialect, bool stream, string upstreamBody)
    {
        _upstream.Enqueue(UpstreamReply.Json(upstreamBody, upstreamBody == NoAuthAvailable ? 503 : 401));
        // Retries on, as Claude Code and the SDKs have them: a retryable answer would reach the upstream again.
        var client = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateAnthropicClient(maxRetries: 2);
        var request = Requests.Params(Requests.Simple(stream: stream));

        var exception = await Assert.ThrowsAsync<AnthropicForbiddenException>(async () =>
        {
            if (stream)
            {
                await client.Messages.CreateStreaming(request).Aggregate();
            }
            else
            {
                await client.Messages.Create(request);
            }
        });

        Assert.Single(_upstream.Requests);
        Assert.Contains("cli-proxy-api --codex-device-login", exception.ResponseBody);
    }

    public static IEnumerable<object[]> StreamLoginErrors() =>
        from dialect in new[] { "chat", "responses" }
        from row in new object[][]
        {
            ["internal_server_error", "server_error", "auth_unavailable: no auth available (providers=codex, model=gpt-5.5)", NoUsableLogin],
            ["auth_unavailable", "authentication_error", "Provided authentication token is expired. Please try signing in again.", RefusedLogin],
        }
        select (object[])[dialect, .. row];

    [Theory]
    [MemberData(nameof(StreamLoginErrors))]
    public async Task A_login_error_inside_a_begun_stream_ends_it_with_a_permission_error_event(string dialect, string code, string type, string upstreamMessage, string expected)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(UpstreamReply.Sse([.. upstream.Begin(), upstream.Text("Hel"), upstream.CliProxyApiError(code, type, upstreamMessage)]));
        using var http = fixture.AppFor(upstream).CreateHttpClient();

        await using var sse = await SseClient.PostAsync(http, Requests.Simple(stream: true));
        var events = await sse.ReadToEndAsync();

        AnthropicEvents.AssertGrammar(events);
        Assert.Equal("error permission_error", events[^1].ToString());
        var message = events[^1].Data.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains(expected, message);
        Assert.Contains(upstreamMessage, message);
        Assert.Contains("cli-proxy-api --codex-device-login", message);
        Assert.Single(_upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_wrong_upstream_key_reads_as_the_translators_key_not_as_a_login(string dialect)
    {
        // CLIProxyAPI's own 401 for a key not in its config.yaml (NOTES.md).
        _upstream.Enqueue(UpstreamReply.Json("""{"error":"Invalid API key"}""", 401));
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Contains("Translator:Upstream:ApiKey", error.GetProperty("message").GetString());
        Assert.DoesNotContain("Codex", error.GetProperty("message").GetString());
    }

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    public void Dispose() => _upstream.AssertNoViolations();
}
