namespace Translator.Api.Forwarding;

/// <summary>The translated stream's log messages (event ids 40-49).</summary>
internal static partial class StreamLog
{
    [LoggerMessage(40, LogLevel.Debug, "The client disconnected mid-stream; the upstream request was cancelled.")]
    public static partial void ClientDisconnected(ILogger logger);

    [LoggerMessage(41, LogLevel.Warning, "The upstream sent a malformed stream item: {Reason}")]
    public static partial void MalformedChunk(ILogger logger, string reason);

    [LoggerMessage(42, LogLevel.Warning, "The upstream stream broke off: {Reason}")]
    public static partial void UpstreamBroke(ILogger logger, string reason);

    [LoggerMessage(43, LogLevel.Warning, "The upstream sent nothing for {IdleTimeout}; the stream was ended")]
    public static partial void UpstreamIdle(ILogger logger, TimeSpan idleTimeout);
}
