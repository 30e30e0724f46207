using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>
/// The error answers of CLIProxyAPI's Anthropic endpoint. What Claude (or the provider serving it)
/// answered comes in Anthropic's envelope and is passed on as it came; what CLIProxyAPI answers on
/// its own account (no provider for the model, no usable key or login, the translator's key
/// refused) is worded here, saying what to configure.
/// </summary>
/// <remarks>
/// How CLIProxyAPI words its own (router-for-me/CLIProxyAPI, <c>sdk/api/handlers/handlers_routing.go</c>,
/// <c>handlers_errors.go</c>, <c>claude/code_handlers.go</c>): a model no provider serves, 400
/// <c>unknown provider for model M</c> (code <c>model_not_found</c>); no key or login left to pick,
/// <c>auth_unavailable: no auth available (providers=claude, model=M)</c> (or <c>auth_not_found</c>),
/// 503 or the status the auth error carries; a wrong key, 401 <c>{"error":"Invalid API key"}</c>.
/// Since v7 its Claude handler wraps each in Anthropic's envelope, earlier versions answer in
/// OpenAI's; both are recognised by their words.
/// </remarks>
internal static class ClaudeErrorMap
{
    private const string ConfigureProvider =
        "Give CLIProxyAPI a Claude provider that serves it: a `claude-api-key` entry in its config.yaml (with `base-url` for Claude on Azure AI Foundry or another Anthropic-compatible host, and the model under `models`), or a login with `cli-proxy-api --claude-login`. Or route the model elsewhere with Translator:Models.";

    /// <param name="upstreamUrl">Where the translator called, for messages.</param>
    public static ClaudeFailure FromResponse(int statusCode, ReadOnlySpan<byte> body, string? mediaType, string? retryAfter, string upstreamUrl, SecretRedactor redactor)
    {
        var envelope = ReadEnvelope(body);
        var message = envelope?.Message ?? OtherMessage(body);
        if (IsUnknownModel(message))
        {
            return new(ApiError.NotFound($"CLIProxyAPI has no Claude provider for this model ({redactor.Redact(message!)}). {ConfigureProvider}") with { RetryAfter = retryAfter }, statusCode);
        }

        if (IsNoUsableAuth(message))
        {
            // The status CLIProxyAPI gives (503, or 429 while every key rests) keeps its meaning.
            return new(ApiError.ForStatus(statusCode, $"CLIProxyAPI has no usable Claude key or login for this model ({redactor.Redact(message!)}): it has none, or each one is resting after its provider refused or rate-limited it. {ConfigureProvider}") with { RetryAfter = retryAfter }, statusCode);
        }

        if (envelope is { } anthropic)
        {
            return new(new ApiError(statusCode, anthropic.Type, redactor.Redact(anthropic.Message)) { RetryAfter = retryAfter }, statusCode)
            {
                AnthropicBody = Encoding.UTF8.GetBytes(redactor.Redact(Encoding.UTF8.GetString(body))),
            };
        }

        return new(redactor.Redact(UpstreamErrorMap.FromResponse(statusCode, body, mediaType, retryAfter, upstreamUrl)), statusCode);
    }

    private static bool IsUnknownModel(string? message) => message?.StartsWith("unknown provider for model", StringComparison.Ordinal) == true;

    private static bool IsNoUsableAuth(string? message) =>
        message is not null && (message.StartsWith("auth_unavailable:", StringComparison.Ordinal) || message.StartsWith("auth_not_found:", StringComparison.Ordinal));

    /// <summary>Anthropic's <c>{"type":"error","error":{"type","message"}}</c>, or null for any other body.</summary>
    private static (string Type, string Message)? ReadEnvelope(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("error"u8)
                && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("type", out var errorType) && errorType.ValueKind == JsonValueKind.String
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? (errorType.GetString()!, message.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The message of CLIProxyAPI's other bodies: OpenAI's <c>error.message</c>, or <c>{"error":"..."}</c>.</summary>
    private static string? OtherMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                return error.ValueKind switch
                {
                    JsonValueKind.String => error.GetString(),
                    JsonValueKind.Object when error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString(),
                    _ => null,
                };
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
