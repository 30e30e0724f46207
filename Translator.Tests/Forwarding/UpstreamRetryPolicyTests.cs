using System.Net;
using System.Net.Http.Headers;
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
}
