using Translator.Api.Anthropic;
using Translator.Api.Fallback;

namespace Translator.Tests.Fallback;

/// <summary>Which failures send a request on to the next target, and which answer the client at once.</summary>
public sealed class TargetFailureTests
{
    public static TheoryData<int, string> FallenThrough => new()
    {
        { 429, FallbackReason.RateLimited },
        { 402, FallbackReason.RateLimited },
        { 401, FallbackReason.Login },
        { 403, FallbackReason.Login },
        { 404, FallbackReason.ModelNotFound },
        { 500, FallbackReason.ServerError },
        { 502, FallbackReason.ServerError },
        { 503, FallbackReason.ServerError },
        { 504, FallbackReason.ServerError },
    };

    [Theory]
    [MemberData(nameof(FallenThrough))]
    public void Failures_of_the_target_fall_through(int status, string reason)
    {
        var failure = TargetFailure.Answered(ApiError.ForStatus(status, "failed"));

        Assert.True(failure.FallsThrough);
        Assert.Equal(reason, failure.Reason);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    [InlineData(422)]
    public void Request_errors_are_not_fallen_through(int status) =>
        Assert.False(TargetFailure.Answered(ApiError.ForStatus(status, "invalid")).FallsThrough);

    [Fact]
    public void A_prompt_too_long_is_not_fallen_through() =>
        Assert.False(TargetFailure.Answered(ApiError.InvalidRequest("too long") with { PromptTooLong = new PromptSize(300_000, 272_000) }).FallsThrough);

    [Fact]
    public void An_early_stream_error_falls_through_as_a_stream_error_only_when_its_kind_would()
    {
        Assert.Equal(FallbackReason.StreamError, TargetFailure.EarlyStreamError(ApiError.Overloaded("busy")).Reason);
        Assert.False(TargetFailure.EarlyStreamError(ApiError.InvalidRequest("bad")).FallsThrough);
    }

    [Fact]
    public void Unreachable_and_timed_out_targets_fall_through()
    {
        Assert.Equal(FallbackReason.Unreachable, TargetFailure.Unreachable(ApiError.BadGateway("refused")).Reason);
        Assert.Equal(FallbackReason.HeadersTimeout, TargetFailure.TimedOut(ApiError.Timeout("slow")).Reason);
    }
}
