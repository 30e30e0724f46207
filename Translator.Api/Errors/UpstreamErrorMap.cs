using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>Turns what the upstream answered with, or how it failed, into the error the client sees.</summary>
internal static partial class UpstreamErrorMap
{
    private const int MaxMessageLength = 2000;

    /// <summary>How much of a non-JSON body's first line of text the client sees.</summary>
    private const int MaxTextLineLength = 200;

    /// <summary>
    /// An upstream answer with an error status. A body that is not JSON (a proxy's or CDN's HTML page) is
    /// summed up in one line: its status, type and size, and its first line of text.
    /// </summary>
    public static ApiError FromResponse(int statusCode, ReadOnlySpan<byte> body, string? mediaType, string? retryAfter, string upstreamUrl)
    {
        var (text, code, type, isJson) = ReadMessage(body);
        var message = isJson || body.IsEmpty ? text : Summarize(statusCode, mediaType, body.Length, text);
        message = string.IsNullOrWhiteSpace(message) ? $"The upstream answered {statusCode} with no message." : message;
        return CodexLoginError.From(statusCode, isJson ? message : text, code, type) ?? FromStatus(statusCode, message, code, upstreamUrl) with { RetryAfter = retryAfter };
    }

    /// <summary>Whether an error answer says CLIProxyAPI has no Codex login to serve it: no retry can help.</summary>
    public static bool IsLoginError(int statusCode, ReadOnlySpan<byte> body)
    {
        var (message, code, type, _) = ReadMessage(body);
        return CodexLoginError.From(statusCode, message, code, type) is not null;
    }

    /// <summary>
    /// The error for an upstream's error status: a cause the upstream's code names first, else the
    /// status through the one map, <see cref="ApiError.ForStatus"/>, its message with what to fix
    /// where the status says what. <paramref name="upstreamUrl"/> is null for an error inside a stream.
    /// </summary>
    public static ApiError FromStatus(int statusCode, string message, string? code, string? upstreamUrl) => statusCode switch
    {
        400 or 413 when code == ContextLengthError.Code => ContextLengthError.From(message),
        // CLIProxyAPI answers an unknown model with 400 model_not_found; Anthropic says 404.
        // CLIProxyAPI lists a provider's models only while it has a login for it: with no Codex
        // login at all it answers "unknown provider for model gpt-5.5" (handlers_routing.go).
        400 or 404 when code == "model_not_found" => ApiError.NotFound(
            $"{message} Map the requested model to one the upstream lists (GET {upstreamUrl}/models) with Translator:Models. If that list has no GPT model, CLIProxyAPI has no Codex login: log in with `cli-proxy-api --codex-device-login` (or the dashboard's \"Log in to Codex\")."),
        // The upstream gave up waiting for the translator's request: for the client, the gateway timed out.
        408 => ApiError.Timeout(message),
        _ => ApiError.ForStatus(statusCode, WithHint(statusCode, message, upstreamUrl is null ? "The upstream" : $"The upstream at {upstreamUrl}")),
    };

    private static string WithHint(int statusCode, string message, string upstream) => statusCode switch
    {
        // CLIProxyAPI's own answer to a wrong or missing key: {"error":"Invalid API key"} (NOTES.md).
        401 when message is "Invalid API key" or "Missing API key" =>
            $"{upstream} rejected the translator's key: {message} Set Translator:Upstream:ApiKey to one of the api-keys in CLIProxyAPI's config.yaml.",
        401 =>
            $"{upstream} rejected the credentials: {message} Set Translator:Upstream:ApiKey to one of the api-keys in CLIProxyAPI's config.yaml; if the key is right, CLIProxyAPI's Codex login may have expired: log in again with `cli-proxy-api --codex-device-login` (or the dashboard's \"Log in to Codex\").",
        403 => $"{upstream} refused the request: {message} Check Translator:Upstream:ApiKey and the account CLIProxyAPI is logged in with.",
        _ => message,
    };

    /// <summary>The upstream could not be reached at all.</summary>
    public static ApiError Unreachable(string upstreamUrl, HttpRequestException exception) =>
        ApiError.BadGateway(
            $"Could not reach the upstream at {upstreamUrl} ({Describe(exception)}). Start CLIProxyAPI (`cli-proxy-api --config config.yaml`, or the whole stack with `dotnet run --project AppHost`), or point Translator:Upstream:BaseUrl at where it runs.");

    /// <summary>The upstream did not send its response headers in time.</summary>
    public static ApiError HeadersTimedOut(string upstreamUrl, TimeSpan timeout) =>
        ApiError.Timeout($"The upstream at {upstreamUrl} did not answer within {timeout.TotalSeconds:0.#} s (Translator:Upstream:HeadersTimeout).");

    /// <summary>The upstream sent nothing more of its answer for the idle timeout.</summary>
    public static ApiError Idle(TimeSpan timeout) =>
        ApiError.Timeout($"The upstream sent nothing for {timeout.TotalSeconds:0.#} s (Translator:Upstream:IdleTimeout); the call was closed.");

    private static string Describe(HttpRequestException exception) =>
        exception.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => "connection refused or reset",
            HttpRequestError.NameResolutionError => "host name not found",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => exception.Message,
        };

    /// <summary>
    /// Reads the message from the bodies upstreams send: OpenAI's <c>{"error":{"message","type","code"}}</c>,
    /// CLIProxyAPI's <c>{"error":"Invalid API key"}</c>, <c>{"message"}</c>, <c>{"detail"}</c>; or, from
    /// any other body, its first line of plain text.
    /// </summary>
    private static (string? Message, string? Code, string? Type, bool IsJson) ReadMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return (Truncate(error.GetString()), null, null, true);
                    }

                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        return (Truncate(StringProperty(error, "message")), StringProperty(error, "code"), StringProperty(error, "type"), true);
                    }
                }

                return (Truncate(StringProperty(root, "message") ?? StringProperty(root, "detail")), null, null, true);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the text itself.
        }

        return (FirstLineOfText(Encoding.UTF8.GetString(body)), null, null, false);
    }

    private static string Summarize(int statusCode, string? mediaType, int length, string? firstLine) =>
        $"The upstream answered {statusCode} ({mediaType ?? "no content type"}, {length} bytes)"
        + (string.IsNullOrEmpty(firstLine) ? "." : $": {firstLine}");

    /// <summary>The first non-blank line once scripts, styles and tags are taken out, entities decoded.</summary>
    private static string? FirstLineOfText(string body)
    {
        var text = Tag().Replace(ScriptOrStyle().Replace(body, "\n"), "\n");
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = WebUtility.HtmlDecode(line.Trim().ToString()).Trim();
            if (trimmed.Length > 0)
            {
                return trimmed.Length > MaxTextLineLength ? string.Concat(trimmed.AsSpan(0, MaxTextLineLength), "…") : trimmed;
            }
        }

        return null;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Truncate(string? message) =>
        message is { Length: > MaxMessageLength } ? string.Concat(message.AsSpan(0, MaxMessageLength), "…") : message;

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
