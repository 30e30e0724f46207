using System.Net;
using System.Text;
using System.Text.Json;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Apis;

/// <summary>Nothing a client sends is dropped in silence: refused fields say why, unknown ones are logged.</summary>
public sealed class RequestFieldsTests(DialectFixture fixture) : IClassFixture<DialectFixture>, IDisposable
{
    private readonly ScriptedUpstream _upstream = fixture.ResetUpstream();

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "chat", "mcp_servers", """[{"type":"url","url":"https://mcp.example.com/sse","name":"example"}]""", "mcp_servers: Not available through an OpenAI upstream: Anthropic's MCP connector calls the servers from Anthropic's side; declare their tools as client tools and call them from the client." },
        { "responses", "mcp_servers", """[{"type":"url","url":"https://mcp.example.com/sse","name":"example"}]""", "mcp_servers: Not available through an OpenAI upstream: Anthropic's MCP connector calls the servers from Anthropic's side; declare their tools as client tools and call them from the client." },
        { "chat", "container", """{"skills":[{"type":"anthropic","skill_id":"pptx","version":"latest"}]}""", "container: Not available through an OpenAI upstream: Anthropic's code-execution container and its skills run on Anthropic's servers." },
        { "responses", "container", "\"container_011CU\"", "container: Not available through an OpenAI upstream: Anthropic's code-execution container and its skills run on Anthropic's servers." },
    };

    public void Dispose() => _upstream.AssertNoViolations();

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refuses_the_fields_that_need_anthropics_servers_naming_the_field_and_why(string dialect, string field, string value, string expected)
    {
        using var http = fixture.AppFor(UpstreamDialect.Of(dialect)).CreateHttpClient();

        using var response = await http.PostAsync("/v1/messages", Json($$"""{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}],"{{field}}":{{value}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task Logs_a_field_it_does_not_know_once_at_warning_with_its_name_and_serves_the_request()
    {
        var app = fixture.AppFor(UpstreamDialect.Chat);
        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("One.")));
        _upstream.Enqueue(UpstreamDialect.Chat.Complete(new Answer("Two.")));
        using var http = app.CreateHttpClient();
        const string Body = """{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}],"quantum_mode":"on"}""";

        using var first = await http.PostAsync("/v1/messages", Json(Body));
        using var second = await http.PostAsync("/v1/messages", Json(Body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var warning = Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Id == 90 && r.Message.Contains("'quantum_mode'", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.False(_upstream.LastRequest.TryGetProperty("quantum_mode", out _));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
