using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// An error a Chat Completions server reports inside its stream, <c>data: {"error":{...}}</c>, as
/// the client sees it. Chat servers give the HTTP status as a numeric <c>code</c> (OpenRouter's
/// <c>"code":400</c>), OpenAI and CLIProxyAPI a string code and a type.
/// </summary>
internal static class ChatErrorMap
{
    public static ApiError FromStreamError(ChatStreamError error)
    {
        int? status = error.Code is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var value) ? value : null;
        var code = error.Code is { ValueKind: JsonValueKind.String } named ? named.GetString() : null;
        var message = error.Message ?? "The upstream reported an error mid-stream.";
        return CodexLoginError.From(status, message, code, error.Type)
            ?? (code == ContextLengthError.Code ? ContextLengthError.From(message)
                : code == CodexQuota.Type || error.Type == CodexQuota.Type ? CodexQuota.Unspecified.Error(resetsAt: null, now: default)
                : status is >= 400 and < 600 ? UpstreamErrorMap.FromStatus(status.Value, message, code, upstreamUrl: null)
                : ApiError.Internal(message));
    }
}
