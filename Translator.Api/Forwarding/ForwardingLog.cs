namespace Translator.Api.Forwarding;

/// <summary>
/// The log messages the handler and the translated stream share, each defined once (event ids
/// 40-49): a call ends the same way whether it streams or not.
/// </summary>
internal static partial class ForwardingLog
{
    [LoggerMessage(40, LogLevel.Debug, "The client disconnected {Stage}; the upstream request was cancelled.")]
    public static partial void ClientDisconnected(ILogger logger, string stage);

    [LoggerMessage(41, LogLevel.Warning, "The upstream sent a malformed stream item: {Reason}")]
    public static partial void MalformedChunk(ILogger logger, string reason);

    [LoggerMessage(42, LogLevel.Warning, "The upstream stream broke off: {Reason}")]
    public static partial void UpstreamBroke(ILogger logger, string reason);

    [LoggerMessage(43, LogLevel.Warning, "The upstream sent nothing for {IdleTimeout}; the call was closed")]
    public static partial void UpstreamIdle(ILogger logger, TimeSpan idleTimeout);
}
