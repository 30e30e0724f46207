using Translator.Api.Anthropic;

namespace Translator.Api.Fallback;

/// <summary>
/// How one target failed a request before anything reached the client: the error the client gets
/// if no target is left, why the next target may serve it instead (<see cref="Reason"/>; null when
/// no other target can do better), and when a rate-limited target serves again.
/// </summary>
/// <param name="Headline">What the limit is, for the error of a later request that finds the target resting.</param>
internal sealed record TargetFailure(ApiError Error, string? Reason, DateTimeOffset? ResetsAt = null, string? Headline = null)
{
    public bool FallsThrough => Reason is not null;

    /// <summary>The upstream answered with an error status.</summary>
    public static TargetFailure Answered(ApiError error, DateTimeOffset? resetsAt = null, string? headline = null) =>
        new(error, ReasonFor(error), resetsAt, headline ?? error.Message.TrimEnd('.'));

    public static TargetFailure Unreachable(ApiError error) => new(error, FallbackReason.Unreachable);

    public static TargetFailure TimedOut(ApiError error) => new(error, FallbackReason.HeadersTimeout);

    /// <summary>The stream's first event was an error, and nothing had reached the client.</summary>
    public static TargetFailure EarlyStreamError(ApiError error) => new(error, ReasonFor(error) is null ? null : FallbackReason.StreamError);

    /// <summary>
    /// Which errors another target may not repeat, read from the error the client would get (one
    /// map for every way an upstream reports one: a status, a body, an event inside a stream).
    /// </summary>
    /// <remarks>
    /// Not fallen through: a request error (400, 413, 422...) depends on the request, which every
    /// target gets alike, so the next one would refuse it too, after the time of another call;
    /// and a prompt too long is answered as Anthropic does so that Claude Code compacts: a target
    /// with a larger window would make the session's model depend on its length. A 404 (CLIProxyAPI's
    /// <c>model_not_found</c>, also its answer when it has no login for the model's provider at all)
    /// is fallen through: it is about this target's model, and the next target names another.
    /// A wrong translator key (CLIProxyAPI's 401 <c>Invalid API key</c>) fails every target alike;
    /// it is fallen through with the other 401s, which costs one refused call per target, and the
    /// client gets the same error in the end.
    /// </remarks>
    public static string? ReasonFor(ApiError error) => error switch
    {
        { PromptTooLong: not null } => null,
        { StatusCode: 429 or 402 } => FallbackReason.RateLimited,
        { StatusCode: 401 or 403 } => FallbackReason.Login,
        { StatusCode: 404 } => FallbackReason.ModelNotFound,
        { StatusCode: >= 500 } => FallbackReason.ServerError,
        _ => null,
    };
}
