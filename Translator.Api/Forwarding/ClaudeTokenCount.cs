using Microsoft.Extensions.Options;
using Translator.Api.Configuration;
using Translator.Api.Memory;
using Translator.Api.Models;
using Translator.Api.Upstreams;

namespace Translator.Api.Forwarding;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> for a model whose route starts with Claude: Claude's own
/// count, from the upstream's Anthropic endpoint; the translator's estimate only when that gives none.
/// </summary>
internal sealed partial class ClaudeTokenCount(ClaudeRoute route, ModelMap models, IOptions<TranslatorOptions> options, TimeProvider timeProvider, ILogger<ClaudeTokenCount> logger)
{
    /// <summary>A count is a few bytes; anything this large is not one.</summary>
    private const int MaxCountBytes = 64 * 1024;

    private readonly TimeSpan _headersTimeout = options.Value.Upstream.HeadersTimeout;

    /// <summary>The Claude target a model's route starts with, or null when its first target is translated.</summary>
    public ClaudeTarget? FirstTargetOf(string requestedModel) =>
        models.Current.Route(requestedModel) is [{ Kind: TargetKind.Claude } first, ..] ? new ClaudeTarget { Model = first.Model ?? requestedModel } : null;

    /// <summary>
    /// <c>count_tokens</c> passed to the upstream's Anthropic endpoint; false, logged, when it gave no
    /// count (unreachable, an error, a broken answer), for the caller to count itself.
    /// </summary>
    public async Task<bool> CountTokensAsync(HttpContext context, ClaudeTarget target, RequestBody body, string? clientModel)
    {
        using var callToken = new UpstreamCallToken(context.RequestAborted, _headersTimeout, timeProvider);
        var (response, failure) = await route.SendAsync(context, ClaudeRoute.BodyFor(target, body, clientModel), stream: false, operation: null, callToken, ClaudeRoute.CountTokensPath);
        if (failure is not null)
        {
            Log.CountFellBack(logger, target.Name, failure.UpstreamStatus, failure.Error.Message);
            return false;
        }

        using (response)
        {
            byte[]? buffer = null;
            try
            {
                await using var stream = callToken.Watch(await response!.Content.ReadAsStreamAsync(callToken.Token));
                (buffer, var length) = await BoundedReader.ReadAsync(stream, MaxCountBytes, callToken.Token);
                if (length > MaxCountBytes)
                {
                    Log.CountFellBack(logger, target.Name, (int)response.StatusCode, "the count's answer is larger than any count");
                    return false;
                }

                context.Response.StatusCode = (int)response.StatusCode;
                ClaudeHeaders.CopyTo(context.Response, ClaudeHeaders.ToRelay(response));
                context.Response.ContentLength = length;
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
                return true;
            }
            catch (Exception e) when ((e is IOException or HttpRequestException || (e is OperationCanceledException && callToken.TimedOut)) && !context.Response.HasStarted)
            {
                Log.CountFellBack(logger, target.Name, (int)response!.StatusCode, e.Message);
                return false;
            }
            finally
            {
                if (buffer is not null)
                {
                    LargeArrays.Return(buffer);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(113, LogLevel.Warning, "count_tokens for {Target} got no count from the upstream's Anthropic endpoint ({Status}: {Reason}); the translator counted it itself")]
        public static partial void CountFellBack(ILogger logger, string target, int? status, string reason);
    }
}
