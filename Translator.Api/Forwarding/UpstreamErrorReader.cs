using System.Text;
using Translator.Api.Errors;
using Translator.Api.Fallback;
using Translator.Api.Memory;

namespace Translator.Api.Forwarding;

/// <summary>
/// Reads an upstream's error answer (bounded, within the call's time limits) into the error the
/// client gets, redacted here where it becomes one: the upstream's message may quote our key. A
/// 429 also says when the limit resets (<see cref="UpstreamReset"/>), and Codex's usage limit is
/// worded for the user who will read it (<see cref="CodexQuota"/>).
/// </summary>
internal sealed partial class UpstreamErrorReader(string upstreamUrl, SecretRedactor redactor, TimeProvider time, ILogger logger)
{
    private const int MaxErrorBodyBytes = 1024 * 1024;

    public async Task<TargetFailure> ReadAsync(HttpResponseMessage response, UpstreamCallToken callToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.TryGetValues("retry-after", out var values) ? string.Join(",", values) : null;
        var (buffer, length) = await ReadBodyAsync(response, callToken);
        try
        {
            var body = buffer.AsSpan(0, length);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var error = UpstreamErrorMap.FromResponse(status, body, mediaType, retryAfter, upstreamUrl);
            var (resetsAt, headline) = (default(DateTimeOffset?), default(string));
            if (status == StatusCodes.Status429TooManyRequests)
            {
                var now = time.GetUtcNow();
                var quota = CodexQuota.Read(body);
                resetsAt = UpstreamReset.Of(response.Headers, quota, now);
                if (quota is not null && error.StatusCode == StatusCodes.Status429TooManyRequests)
                {
                    (error, headline) = (quota.Error(resetsAt, now) with { RetryAfter = error.RetryAfter }, quota.Headline);
                }
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                // The client sees a summary of a page; the whole of it is here, without our key.
                Log.UpstreamError(logger, status, error.Type, mediaType, redactor.Redact(Encoding.UTF8.GetString(body)));
            }

            return TargetFailure.Answered(redactor.Redact(error), resetsAt, headline);
        }
        finally
        {
            if (buffer is not null)
            {
                LargeArrays.Return(buffer);
            }
        }
    }

    /// <summary>
    /// An error answer's body, up to 1 MiB, within the call's time limits; the caller hands the
    /// buffer (null when nothing could be read) back to <see cref="LargeArrays"/>.
    /// </summary>
    public static async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, UpstreamCallToken callToken)
    {
        try
        {
            await using var stream = callToken.Watch(await response.Content.ReadAsStreamAsync(callToken.Token));
            var (buffer, length) = await BoundedReader.ReadAsync(stream, MaxErrorBodyBytes, callToken.Token);
            return (buffer, Math.Min(length, MaxErrorBodyBytes));
        }
        catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && callToken.TimedOut))
        {
            // The status says enough; the message falls back to it.
            return (null, 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(12, LogLevel.Debug, "The upstream answered {Status} ({MediaType}); the client gets {ErrorType}. The body: {Body}")]
        public static partial void UpstreamError(ILogger logger, int status, string errorType, string? mediaType, string body);
    }
}
