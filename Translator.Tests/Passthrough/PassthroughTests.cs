using System.Net;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;
using static Translator.Tests.Infrastructure.ChatReplies;

namespace Translator.Tests.Passthrough;

/// <summary>Routes the translator does not translate reach CLIProxyAPI unchanged, but for credentials.</summary>
public sealed class PassthroughTests(TranslatorFixture fixture) : IClassFixture<TranslatorFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = Reset(fixture.Upstream);

    [Fact]
    public async Task Passes_openai_chat_completions_through_unchanged_with_the_upstream_key_instead_of_the_clients()
    {
        const string Body = """{"model":"gpt-5.1","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":20}""";
        _upstream.Enqueue(UpstreamReply.Json(Completion("Hello from upstream")));
        using var http = fixture.App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer client-secret");
        request.Headers.Add("x-api-key", "client-secret");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Completion("Hello from upstream"), await response.Content.ReadAsStringAsync());
        Assert.Equal(Body, _upstream.LastRequest.GetRawText());
        var headers = _upstream.RequestHeaders.Last();
        Assert.Equal("Bearer upstream-secret-key", headers["Authorization"]);
        Assert.False(headers.ContainsKey("x-api-key"));
    }

    [Fact]
    public async Task Passes_an_sse_stream_through_as_it_arrives()
    {
        var release = new TaskCompletionSource();
        _upstream.Enqueue(UpstreamReply.Sse(SseStep.Data(TextChunk("first")), SseStep.Until(release.Task), SseStep.Data(FinishChunk("stop")), SseStep.Done));
        using var http = fixture.App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-5.1","stream":true,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(limit.Token);
        }
        while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal));

        Assert.False(release.Task.IsCompleted);
        Assert.Equal("data: " + TextChunk("first"), line);
        release.SetResult();
        var rest = await reader.ReadToEndAsync(limit.Token);
        Assert.EndsWith("data: [DONE]\n\n", rest);
    }

    [Fact]
    public async Task Gives_openai_clients_the_upstreams_model_list_and_strips_a_key_from_the_query()
    {
        using var http = fixture.App.CreateHttpClient();

        var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement;
        _upstream.EnqueueOther(UpstreamReply.Json("""{"status":"ok"}"""));
        var health = await http.GetStringAsync("/healthz?key=client-secret&verbose=1");

        Assert.Equal("list", models.GetProperty("object").GetString());
        Assert.Contains("gpt-5.1", models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("""{"status":"ok"}""", health);
        var forwarded = Assert.Single(_upstream.OtherRequests);
        Assert.Equal("/healthz?verbose=1", forwarded.PathAndQuery);
        Assert.DoesNotContain("client-secret", string.Join(" ", forwarded.Headers.Values));
    }

    [Fact]
    public async Task Sends_cliproxyapi_its_own_host_not_the_clients()
    {
        _upstream.EnqueueOther(UpstreamReply.Json("""{"status":"ok"}"""));
        using var http = fixture.App.CreateHttpClient();

        await http.GetStringAsync("/healthz");

        Assert.Equal(new Uri(_upstream.BaseUrl).Authority, Assert.Single(_upstream.OtherRequests).Headers["Host"]);
        Assert.NotEqual(new Uri(fixture.App.BaseUrl).Authority, new Uri(_upstream.BaseUrl).Authority);
    }

    [Fact]
    public async Task Passes_the_upstreams_own_answer_for_routes_it_does_not_know()
    {
        using var http = fixture.App.CreateHttpClient();

        using var response = await http.DeleteAsync("/v1/files/file_123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no route /v1/files/file_123", await response.Content.ReadAsStringAsync());
        Assert.Equal("DELETE", Assert.Single(_upstream.OtherRequests).Method);
    }

    [Fact]
    public async Task Maps_amps_other_providers_onto_cliproxyapis_paths()
    {
        _upstream.Enqueue(UpstreamReply.Json(Completion("via amp prefix")));
        _upstream.EnqueueOther(UpstreamReply.Json("""{"candidates":[]}"""));
        using var http = fixture.App.CreateHttpClient();

        using var openai = await http.PostAsync("/api/provider/openai/v1/chat/completions",
            new StringContent("""{"model":"gpt-5.1","messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"));
        using var google = await http.PostAsync("/api/provider/google/v1beta/models/gemini-2.5-pro:generateContent", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, openai.StatusCode);
        Assert.Contains("via amp prefix", await openai.Content.ReadAsStringAsync());
        Assert.Equal("/v1beta/models/gemini-2.5-pro:generateContent", Assert.Single(_upstream.OtherRequests).PathAndQuery);
    }

    [Fact]
    public async Task Answers_502_in_the_envelope_when_the_upstream_is_down()
    {
        await using var app = new TranslatorApp("http://127.0.0.1:9/v1");
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/v1/responses", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        Assert.Contains("http://127.0.0.1:9", error.GetProperty("message").GetString());
    }

    public void Dispose() => _upstream.AssertNoViolations();

    private static ScriptedUpstream Reset(ScriptedUpstream upstream)
    {
        upstream.Reset();
        return upstream;
    }
}
