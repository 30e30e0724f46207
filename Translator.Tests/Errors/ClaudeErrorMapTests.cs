using System.Text;
using Translator.Api.Errors;

namespace Translator.Tests.Errors;

/// <summary>
/// On the Claude route, what Claude answered reaches the client as it came (without the translator's
/// key); what CLIProxyAPI answers on its own account says what to configure.
/// </summary>
public sealed class ClaudeErrorMapTests
{
    private static readonly SecretRedactor Redactor = new("upstream-secret-key");

    [Fact]
    public void Claudes_own_error_is_passed_on_as_it_came_without_the_key()
    {
        const string Body = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded (upstream-secret-key)"},"request_id":"req_011CX"}""";

        var failure = Map(529, Body, retryAfter: "7");

        Assert.Equal(529, failure.Error.StatusCode);
        Assert.Equal("overloaded_error", failure.Error.Type);
        Assert.Equal("7", failure.Error.RetryAfter);
        Assert.Equal(Body.Replace("upstream-secret-key", "[redacted]", StringComparison.Ordinal), Encoding.UTF8.GetString(failure.AnthropicBody!.Value.Span));
    }

    [Theory]
    [InlineData("""{"error":{"message":"unknown provider for model claude-opus-4-5","type":"invalid_request_error","code":"model_not_found","param":"model"}}""")]
    [InlineData("""{"type":"error","error":{"type":"invalid_request_error","message":"unknown provider for model claude-opus-4-5"}}""")]
    public void A_model_cliproxyapi_has_no_claude_provider_for_is_a_404_that_says_how_to_add_one(string body)
    {
        var failure = Map(400, body);

        Assert.Equal(404, failure.Error.StatusCode);
        Assert.Equal("not_found_error", failure.Error.Type);
        Assert.Contains("unknown provider for model claude-opus-4-5", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("claude-api-key", failure.Error.Message, StringComparison.Ordinal);
        Assert.Null(failure.AnthropicBody);
    }

    [Fact]
    public void No_usable_claude_key_keeps_its_status_and_says_what_to_configure()
    {
        var failure = Map(503, """{"type":"error","error":{"type":"api_error","message":"auth_unavailable: no auth available (providers=claude, model=claude-opus-4-5)"}}""");

        Assert.Equal(529, failure.Error.StatusCode);
        Assert.Equal(503, failure.UpstreamStatus);
        Assert.Contains("no usable Claude key or login", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("--claude-login", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Codex", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cliproxyapi_refusing_the_translators_key_says_which_setting_to_fix()
    {
        var failure = Map(401, """{"error":"Invalid API key"}""");

        Assert.Equal("authentication_error", failure.Error.Type);
        Assert.Contains("Translator:Upstream:ApiKey", failure.Error.Message, StringComparison.Ordinal);
    }

    private static ClaudeFailure Map(int status, string body, string? retryAfter = null) =>
        ClaudeErrorMap.FromResponse(status, Encoding.UTF8.GetBytes(body), "application/json", retryAfter, "http://127.0.0.1:8317", Redactor);
}
