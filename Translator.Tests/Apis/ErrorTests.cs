using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>Every failure answers in the Anthropic envelope with the status and type Anthropic would use.</summary>
public sealed class ErrorTests(ErrorTests.Fixture fixture) : IClassFixture<ErrorTests.Fixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public sealed class Fixture : DialectFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Translator:Limits:MaxRequestBodyBytes"] = "4096",
            // Short, so the timeout cases are quick; long enough for a retried 502 under parallel load.
            ["Translator:Upstream:HeadersTimeout"] = "00:00:03",
            ["Translator:Limits:MaxUpstreamResponseBytes"] = "65536",
        };

        public TranslatorApp App => AppFor(UpstreamDialect.Chat);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "body: Input has the wrong type.")]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required.")]
    [InlineData("""{"model":7,"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Input has the wrong type.")]
    [InlineData("""{"model":"claude-x\r\nX-Injected: 1","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Must be a model name without control characters.")]
    [InlineData("""{"model":"claude-x","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":"10","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input has the wrong type.")]
    [InlineData("""{"model":"claude-x","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Must be greater than or equal to 1.")]
    [InlineData("""{"model":"claude-x","max_tokens":10}""", "messages: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[]}""", "messages: At least one message is required.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"bot","content":"hi"}]}""", "messages.0.role: Unknown role 'bot'")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":7}]}""", "messages.0.content: Expected a string or an array of content blocks.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"video"}]}]}""", "messages.0.content.0.type: Unknown content block type 'video'")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages.0.content.0.text: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":5}]}]}""", "messages.0.content.0.text: Input has the wrong type.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"image","source":5}]}]}]}""", "messages.0.content.0.content.0.source: Input has the wrong type.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":7}}]}]}""", "messages.0.content.0.source.type: Input has the wrong type.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"search_result","source":"https://a.example","content":[{"type":"text","text":"x"}]}]}]}""", "messages.0.content.0.title: Field required.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"search_result","source":"https://a.example","title":"A","content":[{"type":"image"}]}]}]}""", "messages.0.content.0.content.0: Search result content may only hold text blocks.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"not base64!"}}]}]}""", "messages.0.content.0.source.data: Must be non-empty, valid base64.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"x"}]}]}""", "messages.0.content.0: unexpected `tool_use_id`")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},{"role":"user","content":"no result"}]}""", "messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"bad id!","name":"t","input":{}}]}]}""", "messages.0.content.0.id: Field required; must match ^[a-zA-Z0-9_-]+$.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"tools":[{"type":"code_execution_20250825","name":"code_execution"}],"messages":[{"role":"user","content":"hi"}]}""", "tools.0.type: Server tool 'code_execution_20250825'")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"tool_choice":{"type":"tool","name":"nope"},"messages":[{"role":"user","content":"hi"}]}""", "tool_choice.name: Tool nope is not among the request's tools.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"thinking":{"type":"enabled"},"messages":[{"role":"user","content":"hi"}]}""", "thinking.budget_tokens: Field required")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"temperature":3}""", "temperature: Must be between 0 and 1.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"system":[null],"messages":[{"role":"user","content":"hi"}]}""", "system.0: System blocks must be text blocks")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[null]}""", "messages.0: Must be an object.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"messages":[{"role":"user","content":[null]}]}""", "messages.0.content.0: Must be an object.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"tools":[null],"messages":[{"role":"user","content":"hi"}]}""", "tools.0: Must be an object.")]
    [InlineData("""{"model":"claude-x","max_tokens":10,"stop_sequences":[null],"messages":[{"role":"user","content":"hi"}]}""", "stop_sequences.0:")]
    [InlineData("""{"model":"claude-x","max_tokens":1e400,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input has the wrong type.")]
    public async Task Rejects_invalid_requests_with_400_naming_the_field(string body, string expectedMessage)
    {
        var (status, error, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(expectedMessage, error.GetProperty("message").GetString());
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task Rejects_nesting_deeper_than_the_json_limit_with_400()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);

        var (status, error, _) = await PostAsync($$"""{"model":"claude-x","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":{{deep}}}]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Rejects_a_body_over_the_limit_with_413_whether_or_not_its_length_is_announced()
    {
        var big = Requests.Simple(new string('x', 8000));

        var (announced, error, _) = await PostAsync(big);
        using var http = fixture.App.CreateHttpClient();
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request);
        var chunkedError = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced);
        Assert.Equal("request_too_large", error.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", chunkedError.GetProperty("error").GetProperty("type").GetString());
    }

    public static IEnumerable<object[]> UpstreamStatusesByDialect() =>
        from dialect in new[] { "chat", "responses" }
        from stream in new[] { false, true }
        from row in UpstreamStatuses
        select (object[])[dialect, stream, .. row];

    private static readonly object[][] UpstreamStatuses =
    [
        [400, """{"error":{"message":"Unsupported parameter: 'foo'.","type":"invalid_request_error","param":"foo","code":"unsupported_parameter"}}""", 400, "invalid_request_error", "Unsupported parameter: 'foo'."],
        [400, """{"error":{"message":"unknown provider for model gpt-9","type":"invalid_request_error","code":"model_not_found"}}""", 404, "not_found_error", "Translator:Models"],
        [401, """{"error":"Invalid API key"}""", 401, "authentication_error", "Invalid API key"],
        [403, """{"error":{"message":"Forbidden","type":"permission_error"}}""", 403, "permission_error", "Forbidden"],
        [404, """{"error":{"message":"No such route","type":"not_found"}}""", 404, "not_found_error", "No such route"],
        [422, """{"detail":"Unprocessable"}""", 422, "invalid_request_error", "Unprocessable"],
        [500, "upstream exploded", 500, "api_error", "upstream exploded"],
        [502, """{"error":{"message":"bad gateway"}}""", 502, "api_error", "bad gateway"],
        [503, """{"error":{"message":"unavailable"}}""", 529, "overloaded_error", "unavailable"],
        [529, """{"error":{"message":"overloaded"}}""", 529, "overloaded_error", "overloaded"],
        [504, """{"error":{"message":"gateway timeout"}}""", 504, "timeout_error", "gateway timeout"],
    ];

    [Theory]
    [MemberData(nameof(UpstreamStatusesByDialect))]
    public async Task Translates_upstream_errors_by_status(string dialect, bool stream, int upstreamStatus, string upstreamBody, int expectedStatus, string expectedType, string expectedMessage)
    {
        // 502 and 503 are retried once, so the upstream fails twice.
        var attempts = upstreamStatus is 502 or 503 ? 2 : 1;
        for (var i = 0; i < attempts; i++)
        {
            _upstream.Enqueue(UpstreamReply.Json(upstreamBody, upstreamStatus));
        }

        var app = fixture.AppFor(UpstreamDialect.Of(dialect));
        app.Logs.Clear();

        // A stream that has not begun fails as a plain request does: an HTTP error, not an event.
        var (status, error, _) = await PostAsync(Requests.Simple(stream: stream), UpstreamDialect.Of(dialect));

        Assert.Equal(attempts, _upstream.Requests.Count);
        Assert.Equal(attempts - 1, app.Logs.GetSnapshot().Count(r => r.Message.Contains($"HTTP {upstreamStatus}); retrying once")));

        Assert.Equal(expectedStatus, (int)status);
        Assert.Equal(expectedType, error.GetProperty("type").GetString());
        Assert.Contains(expectedMessage, error.GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task A_client_that_leaves_before_the_upstream_answers_cancels_the_upstream_call(string dialect, bool stream)
    {
        var hang = _upstream.Enqueue(UpstreamReply.Hang());
        var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();
        using var leaving = new CancellationTokenSource();

        var posting = http.PostAsync("/v1/messages", new StringContent(Requests.Simple(stream: stream), Encoding.UTF8, "application/json"), leaving.Token);
        while (_upstream.Requests.IsEmpty)
        {
            await Task.Delay(10);
        }

        leaving.Cancel();
        http.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posting);

        await hang.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Tells_the_user_how_to_fix_rejected_upstream_credentials()
    {
        var recorded = RecordedFixtures.Json("openai-error-bodies.json").EnumerateArray().Single(e => e.GetProperty("http_status").GetInt32() == 401);
        _upstream.Enqueue(UpstreamReply.Json(recorded.GetProperty("body").GetString()!, 401));
        var client = fixture.App.CreateAnthropicClient();

        var exception = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(Requests.Params(Requests.Simple())));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.Contains("Incorrect API key provided", exception.ResponseBody);
        Assert.Contains("Translator:Upstream:ApiKey", exception.ResponseBody);
        Assert.Contains("--codex-device-login", exception.ResponseBody);
    }

    [Fact]
    public async Task Passes_on_rate_limits_with_retry_after()
    {
        _upstream.Enqueue(UpstreamReply.Error(429, "Rate limit reached", "rate_limit_exceeded", ("retry-after", "7")));

        var (status, error, response) = await PostAsync(Requests.Simple());

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Single(_upstream.Requests);
    }

    public static TheoryData<string, bool> DialectsAndModes => new() { { "chat", false }, { "chat", true }, { "responses", false }, { "responses", true } };

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Reports_an_upstream_redirect_as_an_error_instead_of_following_it(string dialect, bool stream)
    {
        // Followed, a 301 would turn the model call into a body-less GET; this one points back at
        // the upstream itself, so a followed redirect would show as a second recorded call.
        var route = dialect == "chat" ? "/chat/completions" : "/responses";
        _upstream.Enqueue(UpstreamReply.Json("", 301, ("Location", _upstream.BaseUrl + route)));

        var (status, error, _) = await PostAsync(Requests.Simple(stream: stream), UpstreamDialect.Of(dialect));

        Assert.Single(_upstream.Requests);
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        Assert.Contains("301", error.GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Times_out_an_upstream_that_sends_no_headers_with_504_and_cancels_it(string dialect, bool stream)
    {
        var hang = _upstream.Enqueue(UpstreamReply.Hang());

        var (status, error, _) = await PostAsync(Requests.Simple(stream: stream), UpstreamDialect.Of(dialect));

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("timeout_error", error.GetProperty("type").GetString());
        Assert.Contains("Translator:Upstream:HeadersTimeout", error.GetProperty("message").GetString());
        await hang.Aborted.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static TheoryData<string> Dialects => UpstreamDialect.All;

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Answers_502_to_a_complete_answer_larger_than_the_limit_and_serves_one_just_under_it(string dialect)
    {
        var upstream = UpstreamDialect.Of(dialect);
        _upstream.Enqueue(upstream.Complete(new Answer(new string('x', 70_000))));
        _upstream.Enqueue(upstream.Complete(new Answer(new string('y', 60_000))));

        var (status, error, _) = await PostAsync(Requests.Simple(), upstream);
        using var http = fixture.AppFor(upstream).CreateHttpClient();
        using var served = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        Assert.Contains("Translator:Limits:MaxUpstreamResponseBytes", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains(new string('y', 60_000), await served.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Answers_502_when_the_upstream_sends_something_that_is_not_an_answer(string dialect)
    {
        _upstream.Enqueue(UpstreamReply.Json("<html>proxy error</html>"));
        _upstream.Enqueue(UpstreamReply.Json("""{"id":"x","choices":[]}"""));

        var (notJson, error, _) = await PostAsync(Requests.Simple(), UpstreamDialect.Of(dialect));
        var (noChoices, _, _) = await PostAsync(Requests.Simple(), UpstreamDialect.Of(dialect));

        Assert.Equal(HttpStatusCode.BadGateway, notJson);
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadGateway, noChoices);
    }

    [Theory]
    [MemberData(nameof(DialectsAndModes))]
    public async Task Names_the_upstream_and_how_to_start_it_when_it_cannot_be_reached(string dialect, bool stream)
    {
        var closedPort = FreePort();
        await using var app = new TranslatorApp($"http://127.0.0.1:{closedPort}/v1", new Dictionary<string, string?> { ["Translator:Upstream:Protocol"] = dialect });
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", new StringContent(Requests.Simple(stream: stream), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        Assert.Contains($"http://127.0.0.1:{closedPort}/v1", error.GetProperty("message").GetString());
        Assert.Contains("cli-proxy-api", error.GetProperty("message").GetString());
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private async Task<(HttpStatusCode Status, JsonElement Error, HttpResponseMessage Response)> PostAsync(string body, UpstreamDialect? dialect = null)
    {
        using var http = fixture.AppFor(dialect ?? UpstreamDialect.Chat).CreateHttpClient();
        var response = await http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var envelope = JsonDocument.Parse(text).RootElement;
        Assert.Equal("error", envelope.GetProperty("type").GetString());
        Assert.StartsWith("req_", envelope.GetProperty("request_id").GetString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, envelope.GetProperty("error"), response);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
