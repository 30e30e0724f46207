using System.Net.Http.Headers;
using System.Text;
using Translator.Api.Errors;

namespace Translator.Tests.Errors;

/// <summary>When a rate-limited upstream serves again: every way it says so, the earliest meaningful one.</summary>
public sealed class UpstreamResetTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 11, 52, 0, TimeSpan.Zero);

    /// <summary>Codex's quota answer as CLIProxyAPI passes it on (NOTES.md, "Quotas").</summary>
    private static string QuotaBody(long resetsAt, long resetsIn) =>
        $$$"""{"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"plus","resets_at":{{{resetsAt}}},"resets_in_seconds":{{{resetsIn}}}}}""";

    [Fact]
    public void Codex_quota_body_gives_the_reset_without_any_header()
    {
        var quota = CodexQuota.Read(Encoding.UTF8.GetBytes(QuotaBody(Now.AddHours(2).ToUnixTimeSeconds(), 7200)));

        Assert.Equal(Now.AddHours(2), UpstreamReset.Of(Headers(), quota, Now));
        Assert.Equal("plus", quota!.Plan);
    }

    [Fact]
    public void The_earliest_of_body_retry_after_and_codex_header_wins()
    {
        var quota = CodexQuota.Read(Encoding.UTF8.GetBytes(QuotaBody(Now.AddHours(3).ToUnixTimeSeconds(), 3 * 3600)));

        Assert.Equal(Now.AddMinutes(50), UpstreamReset.Of(Headers(("x-codex-primary-reset-after-seconds", "3000"), ("retry-after", "7200")), quota, Now));
        Assert.Equal(Now.AddSeconds(30), UpstreamReset.Of(Headers(("x-codex-primary-reset-after-seconds", "3000"), ("retry-after", "30")), quota, Now));
    }

    [Fact]
    public void Retry_after_may_be_a_date()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(5));

        Assert.Equal(Now.AddMinutes(5), UpstreamReset.Of(headers, null, Now));
    }

    [Fact]
    public void Resets_in_the_past_or_absurdly_far_are_not_believed()
    {
        var quota = CodexQuota.Read(Encoding.UTF8.GetBytes(QuotaBody(Now.AddHours(-1).ToUnixTimeSeconds(), 400 * 86400)));

        Assert.Null(UpstreamReset.Of(Headers(("x-codex-primary-reset-after-seconds", "-5")), quota, Now));
        Assert.Null(UpstreamReset.Of(Headers(), null, Now));
    }

    [Fact]
    public void Anthropic_reset_headers_count_only_for_a_limit_used_up()
    {
        var headers = Headers(
            ("anthropic-ratelimit-requests-remaining", "40"),
            ("anthropic-ratelimit-requests-reset", Now.AddSeconds(5).ToString("O")),
            ("anthropic-ratelimit-output-tokens-remaining", "0"),
            ("anthropic-ratelimit-output-tokens-reset", Now.AddSeconds(42).ToString("yyyy-MM-ddTHH:mm:ssZ")));

        Assert.Equal(Now.AddSeconds(42), UpstreamReset.Of(headers, null, Now));
    }

    [Theory]
    [InlineData(0.2, "1")]
    [InlineData(1, "1")]
    [InlineData(59.1, "60")]
    [InlineData(8000, "8000")]
    public void Retry_after_is_whole_seconds_rounded_up_at_least_one(double seconds, string expected) =>
        Assert.Equal(expected, UpstreamReset.RetryAfterSeconds(Now.AddSeconds(seconds), Now));

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var headers = new HttpResponseMessage().Headers;
        foreach (var (name, value) in values)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        return headers;
    }
}
