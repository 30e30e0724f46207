namespace Translator.Api.Streaming;

internal static partial class StreamLog
{
    [LoggerMessage(1, LogLevel.Debug, "The client disconnected mid-stream; the upstream request was cancelled.")]
    public static partial void ClientDisconnected(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "The upstream sent a malformed stream item: {Reason}")]
    public static partial void MalformedChunk(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Warning, "The upstream stream broke off: {Reason}")]
    public static partial void UpstreamBroke(ILogger logger, string reason);
}
