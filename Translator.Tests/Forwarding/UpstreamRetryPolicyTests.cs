using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Translator.Api.Forwarding;

namespace Translator.Tests.Forwarding;

public sealed class UpstreamRetryPolicyTests
{
    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    [InlineData(HttpRequestError.Unknown, false)]
    public void Retries_a_connection_that_was_never_made_but_not_one_that_broke(HttpRequestError error, bool expected)
    {
        var outcome = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "failed"));

        Assert.Equal(expected, UpstreamRetryPolicy.ShouldRetry(outcome));
    }

    [Theory]
    [InlineData(502, null, true)]
    [InlineData(503, null, true)]
    [InlineData(429, 1, true)]
    [InlineData(429, 2, true)]
    [InlineData(429, 3, false)]
    [InlineData(429, null, false)]
    [InlineData(500, null, false)]
    [InlineData(504, null, false)]
    [InlineData(200, null, false)]
    public void Retries_only_statuses_the_model_never_saw(int status, int? retryAfterSeconds, bool expected)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        Assert.Equal(expected, UpstreamRetryPolicy.ShouldRetry(Outcome.FromResult(response)));
    }

    [Theory]
    [InlineData("""{"error":{"message":"auth_unavailable: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}""", false)]
    [InlineData("""{"error":{"message":"auth_not_found: no auth available (providers=codex, model=gpt-5.5)","type":"server_error","code":"internal_server_error"}}""", false)]
    [InlineData("""{"error":{"message":"upstream connect error","type":"server_error","code":"internal_server_error"}}""", true)]
    [InlineData("Service Unavailable", true)]
    public async Task Does_not_retry_a_503_that_says_cliproxyapi_has_no_usable_codex_login(string body, bool expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) };

        var retry = await UpstreamRetryPolicy.ShouldRetryAsync(Outcome.FromResult(response), CancellationToken.None);

        Assert.Equal(expected, retry);
        // Read once to decide, the body is still there for the error the client gets.
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }
}
