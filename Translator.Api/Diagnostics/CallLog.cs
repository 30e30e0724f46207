namespace Translator.Api.Diagnostics;

/// <summary>
/// The one line each translated call leaves when it ends, however it ends (event id 80): which
/// model served it, how, with what result, how fast and at what cost. Names, ids and numbers only:
/// never a key, never the prompt.
/// </summary>
internal static partial class CallLog
{
    /// <summary>
    /// The line's log category. Kept from the operation's former name, <c>ChatOperation</c>: the
    /// README tells users to silence the line with <c>Logging:LogLevel</c> under this name.
    /// </summary>
    public const string Category = "Translator.Api.Diagnostics.ChatOperation";

    // The zero section of a custom numeric format (after the second ';') leaves out what a call did
    // not have: a time to first token (an answer not streamed, or a stream that ended before any
    // content) and retries. Fallbacks is empty, or names each target that failed before the one
    // that served and why (" after gpt-5.5 rate_limited, gpt-5.4 cooling").
    [LoggerMessage(80, LogLevel.Information,
        "POST {Route} {RequestId} {ClientModel} -> {UpstreamModel} ({Protocol}, {Delivery}) {StatusCode} {Outcome} in={InputTokens:N0} out={OutputTokens:N0} cached={CachedTokens:N0}{TimeToFirstTokenMs:' ttft='#,0' ms';;''} {DurationSeconds:0.0##} s{Retries:' retries='0;;''}{Fallbacks}")]
    public static partial void CallEnded(
        ILogger logger,
        string route,
        string requestId,
        string clientModel,
        string upstreamModel,
        string protocol,
        string delivery,
        int statusCode,
        string outcome,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long timeToFirstTokenMs,
        double durationSeconds,
        int retries,
        string fallbacks);
}
