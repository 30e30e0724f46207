using System.Text;
using Translator.Api.Errors;
using Translator.Api.Upstreams.Chat;
using Translator.Api.Upstreams.Responses;

namespace Translator.Tests.Errors;

/// <summary>Codex's usage limit, told to the user with when it resets, as they would read it.</summary>
public sealed class CodexQuotaTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 11, 52, 0, TimeSpan.Zero);

    [Fact]
    public void The_message_says_the_plan_and_when_the_limit_resets()
    {
        var quota = CodexQuota.Read("""{"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"plus","resets_at":1764944700,"resets_in_seconds":7980}}"""u8);

        var error = quota!.Error(new DateTimeOffset(2026, 12, 5, 14, 5, 0, TimeSpan.Zero), Now);

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("rate_limit_error", error.Type);
        Assert.Equal("Codex usage limit reached (plan plus); it resets at 14:05 UTC, in 2 h 13 min.", error.Message);
    }

    [Fact]
    public void A_reset_on_another_day_names_the_day()
    {
        var error = CodexQuota.Unspecified.Error(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), Now);

        Assert.Equal("Codex usage limit reached; it resets at Tue 8 Dec 09:00 UTC, in 2 d 21 h.", error.Message);
    }

    [Fact]
    public void Without_a_reset_it_says_the_upstream_did_not_say() =>
        Assert.Equal("Codex usage limit reached; the upstream did not say when it resets.", CodexQuota.Unspecified.Error(null, Now).Message);

    [Fact]
    public void The_limit_reported_inside_a_stream_is_a_rate_limit_in_the_same_words()
    {
        var responses = ResponsesErrorMap.From("usage_limit_reached", "The usage limit has been reached");
        var chat = ChatErrorMap.FromStreamError(new ChatStreamError { Type = "usage_limit_reached", Message = "The usage limit has been reached" });

        Assert.Equal((429, "rate_limit_error", "Codex usage limit reached; the upstream did not say when it resets."), (responses.StatusCode, responses.Type, responses.Message));
        Assert.Equal(responses, chat);
    }

    [Theory]
    [InlineData("""{"error":{"type":"rate_limit_exceeded","message":"slow down"}}""")]
    [InlineData("""{"error":"usage_limit_reached"}""")]
    [InlineData("not json")]
    public void Other_bodies_are_not_the_quota(string body) => Assert.Null(CodexQuota.Read(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData(0.3, "1 s")]
    [InlineData(45, "45 s")]
    [InlineData(60, "1 min")]
    [InlineData(61, "2 min")]
    [InlineData(3600, "1 h")]
    [InlineData(7980, "2 h 13 min")]
    [InlineData(86400 * 2, "2 d")]
    public void Waits_read_in_their_two_largest_units_rounded_up(double seconds, string expected) =>
        Assert.Equal(expected, ResetWording.Wait(TimeSpan.FromSeconds(seconds)));
}
