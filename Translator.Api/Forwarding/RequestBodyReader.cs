using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;
using Translator.Api.Memory;

namespace Translator.Api.Forwarding;

/// <summary>Reads a JSON request body (declared as JSON) within the configured size limit, turning every failure into a 4xx.</summary>
internal sealed class RequestBodyReader(IOptions<TranslatorOptions> options)
{
    private readonly long _maxBytes = options.Value.Limits.MaxRequestBodyBytes;

    // Kestrel lets a body run past the limit, this far, so that the rest of one over it can be read
    // and dropped after the 413 (ApiErrorResult): a connection closed on unread data is reset, and
    // a client still sending loses the answer. Past this, the connection is cut.
    private readonly long _readableBytes = options.Value.Limits.MaxRequestBodyBytes > long.MaxValue / 4 ? long.MaxValue : options.Value.Limits.MaxRequestBodyBytes * 4;

    public async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var (value, body, error) = await ReadWithBodyAsync(context, typeInfo);
        body?.Dispose();
        return (value, error);
    }

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, keeping the bytes read for a call that sends them on as they
    /// came (the Claude route): the caller disposes <c>Body</c> once the call is over.
    /// </summary>
    public async Task<(T? Value, RequestBody? Body, ApiError? Error)> ReadWithBodyAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var request = context.Request;

        // Anthropic's errors have no 415: a body not declared as JSON is a bad request, named as such.
        if (!request.HasJsonContentType())
        {
            return (null, null, ApiError.InvalidRequest($"The request body must be JSON, sent with Content-Type: application/json; this request declared {request.ContentType ?? "no content type"}."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = _readableBytes;
        }

        if (request.ContentLength > _maxBytes)
        {
            return (null, null, TooLarge());
        }

        byte[]? buffer = null;
        try
        {
            // The whole body is needed to translate it anyway; read it once, within the limit,
            // and refuse invalid UTF-8 here: strings inside JSON values kept as JsonElement
            // (tool schemas, tool inputs) are not checked by the serializer and would fail later.
            (buffer, var length) = await BoundedReader.ReadAsync(request.Body, _maxBytes, context.RequestAborted);
            if (length > _maxBytes)
            {
                return (null, null, TooLarge());
            }

            var body = buffer.AsSpan(0, length);
            if (!Utf8.IsValid(body))
            {
                return (null, null, ApiError.InvalidRequest("The request body is not valid UTF-8."));
            }

            // Mended in the bytes themselves: what goes on as it came carries U+FFFD too, which an upstream takes.
            LoneSurrogates.Replace(body);
            var value = JsonSerializer.Deserialize(body, typeInfo);
            if (value is null)
            {
                return (null, null, ApiError.InvalidRequest("The request body must be a JSON object."));
            }

            var kept = new RequestBody(buffer, length);
            buffer = null;
            return (value, kept, null);
        }
        catch (JsonException e)
        {
            return (null, null, ApiError.InvalidRequest(DescribeJsonError(e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, TooLarge());
        }
        catch (BadHttpRequestException e)
        {
            return (null, null, ApiError.InvalidRequest($"The request body could not be read: {e.Message}"));
        }
        finally
        {
            if (buffer is not null)
            {
                LargeArrays.Return(buffer);
            }
        }
    }

    private ApiError TooLarge() =>
        ApiError.RequestTooLarge($"The request body exceeds the limit of {_maxBytes} bytes (Translator:Limits:MaxRequestBodyBytes).");

    /// <summary>
    /// Names the field in Anthropic's dotted form (<c>messages.0.content</c>) and says what was wrong,
    /// without .NET type names.
    /// </summary>
    private static string DescribeJsonError(JsonException e)
    {
        var path = ToDottedPath(e is NestedJsonException nested ? nested.FullPath : e.Path);
        var reason = e.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        // The reader's own failures (malformed JSON, too deep) arrive wrapped in a JsonException;
        // a value of the wrong type does not.
        if (e.InnerException is JsonException)
        {
            return $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}, at {path}): {reason}";
        }

        return reason.Contains("could not be converted", StringComparison.Ordinal)
            ? $"{path}: Input has the wrong type."
            : $"{path}: {reason}";
    }

    private static string ToDottedPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }

        var builder = new System.Text.StringBuilder(jsonPath.Length);
        foreach (var c in jsonPath.AsSpan(jsonPath.StartsWith("$.", StringComparison.Ordinal) ? 2 : 1))
        {
            switch (c)
            {
                case '[':
                    builder.Append('.');
                    break;
                case ']' or '\'':
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString().Replace("..", ".", StringComparison.Ordinal);
    }
}
