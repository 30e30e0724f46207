using System.Text.Json;

namespace Translator.Api.Forwarding;

/// <summary>
/// Sets the top-level <c>model</c> of a JSON request body and leaves every other byte as the client
/// sent it: the reader finds where the value lies (skipping nested values without decoding them),
/// and the new value is spliced in. One pass over the body and one copy, where parsing it into a
/// tree and writing it out again would cost several times the body.
/// </summary>
internal static class BodyModelRewriter
{
    /// <returns>The body with <paramref name="model"/> as its model; the body as it is when it names none at the top level.</returns>
    public static ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> body, string model)
    {
        if (FindModelValue(body.Span) is not { } value)
        {
            return body;
        }

        var encoded = JsonEncodedText.Encode(model).EncodedUtf8Bytes;
        var rewritten = new byte[body.Length - value.Length + encoded.Length + 2];
        var source = body.Span;
        source[..value.Start].CopyTo(rewritten);
        var at = value.Start;
        rewritten[at++] = (byte)'"';
        encoded.CopyTo(rewritten.AsSpan(at));
        at += encoded.Length;
        rewritten[at++] = (byte)'"';
        source[value.End..].CopyTo(rewritten.AsSpan(at));
        return rewritten;
    }

    /// <summary>Where the top-level <c>model</c> value lies in the body (quotes included), or null.</summary>
    private static (int Start, int End, int Length)? FindModelValue(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        (int, int, int)? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isModel = reader.ValueTextEquals("model"u8);
            reader.Read();
            if (isModel)
            {
                // The last one wins, as it does for the serializer that read the request.
                var start = (int)reader.TokenStartIndex;
                var end = (int)reader.BytesConsumed;
                found = (start, end, end - start);
            }

            reader.Skip();
        }

        return found;
    }
}
