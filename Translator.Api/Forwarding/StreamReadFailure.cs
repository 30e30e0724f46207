using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Api.Forwarding;

/// <summary>
/// What reading an upstream stream can fail with, logged once and turned into the error the call
/// ends with, for a stream written to the client and for an answer assembled from one alike.
/// </summary>
internal static class StreamReadFailure
{
    /// <param name="brokeOff">The message for a connection that broke off, in the words of the answer it interrupted.</param>
    /// <returns>The call's error; null for an exception that is not a failure of the upstream's stream.</returns>
    public static ApiError? Of(Exception exception, UpstreamCallToken callToken, TimeSpan idleTimeout, string brokeOff, ILogger logger)
    {
        switch (exception)
        {
            case OperationCanceledException when callToken.TimedOut:
                ForwardingLog.UpstreamIdle(logger, idleTimeout);
                return UpstreamErrorMap.Idle(idleTimeout);
            case JsonException:
                ForwardingLog.MalformedChunk(logger, exception.Message);
                return ApiError.BadGateway("The upstream sent a stream chunk that is not valid JSON.");
            case InvalidDataException:
                ForwardingLog.MalformedChunk(logger, exception.Message);
                return ApiError.BadGateway(exception.Message);
            case IOException or HttpRequestException:
                ForwardingLog.UpstreamBroke(logger, exception.Message);
                return ApiError.BadGateway(brokeOff);
            default:
                return null;
        }
    }
}
