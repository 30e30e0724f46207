using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Tests.Errors;

/// <summary>
/// One map gives an HTTP status its Anthropic error: the same whether the upstream, the framework or
/// the translator itself chose the status. 502 and 503, which Anthropic never answers, are decided
/// once in <see cref="ApiError.ForStatus"/>.
/// </summary>
public sealed class StatusMapTests
{
    [Theory]
    [InlineData(400, 400, "invalid_request_error")]
    [InlineData(401, 401, "authentication_error")]
    [InlineData(402, 402, "billing_error")]
    [InlineData(403, 403, "permission_error")]
    [InlineData(404, 404, "not_found_error")]
    [InlineData(405, 405, "invalid_request_error")]
    [InlineData(408, 408, "invalid_request_error")]
    [InlineData(413, 413, "request_too_large")]
    [InlineData(429, 429, "rate_limit_error")]
    [InlineData(500, 500, "api_error")]
    [InlineData(501, 501, "api_error")]
    [InlineData(502, 502, "api_error")]
    [InlineData(503, 529, "overloaded_error")]
    [InlineData(504, 504, "timeout_error")]
    [InlineData(529, 529, "overloaded_error")]
    [InlineData(301, 500, "api_error")]
    public void Each_status_gets_the_error_type_anthropic_gives_it(int status, int expectedStatus, string expectedType)
    {
        var error = ApiError.ForStatus(status, "Failed.");

        Assert.Equal((expectedStatus, expectedType, "Failed."), (error.StatusCode, error.Type, error.Message));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(413)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(529)]
    [InlineData(301)]
    public void An_upstream_error_status_maps_as_the_translators_own_does(int status)
    {
        var own = ApiError.ForStatus(status, "Failed.");

        var upstream = UpstreamErrorMap.FromStatus(status, "Failed.", code: null, upstreamUrl: "http://127.0.0.1:8317/v1");

        Assert.Equal((own.StatusCode, own.Type), (upstream.StatusCode, upstream.Type));
    }

    [Fact]
    public void The_translators_own_failures_use_the_map()
    {
        Assert.Equal(ApiError.ForStatus(502, "Broken."), ApiError.BadGateway("Broken."));
        Assert.Equal(ApiError.ForStatus(504, "Slow."), ApiError.Timeout("Slow."));
        Assert.Equal(ApiError.ForStatus(529, "Busy."), ApiError.Overloaded("Busy."));
    }

    [Fact]
    public void An_upstream_408_is_a_timeout_of_the_call()
    {
        var error = UpstreamErrorMap.FromStatus(408, "Request timed out.", code: null, upstreamUrl: null);

        Assert.Equal((504, "timeout_error"), (error.StatusCode, error.Type));
    }
}
