using System.Buffers.Text;

namespace Translator.Api.Forwarding;

/// <summary>
/// Replaces lone UTF-16 surrogates in a JSON body by U+FFFD. In valid UTF-8 JSON a lone surrogate can only
/// arrive as a <c>\uD800</c>-<c>\uDFFF</c> escape (JavaScript's JSON.stringify writes one for a string cut
/// mid-emoji); the serializer reads it into a string or keeps it inside a JsonElement, and writing the
/// upstream request then throws, because UTF-8 cannot carry it. Rewriting the escape in the raw bytes, in
/// place (both are six bytes), mends every field at once, raw tool schemas and inputs included.
/// </summary>
internal static class LoneSurrogates
{
    private const int EscapeLength = 6;

    /// <summary>Rewrites every lone surrogate escape in <paramref name="json"/>; leaves pairs alone.</summary>
    public static void Replace(Span<byte> json)
    {
        // The common body has no surrogate escape at all (every one starts \uD, in either case):
        // vectorized searches settle it before any byte-by-byte work.
        if (json.IndexOf("\\ud"u8) < 0 && json.IndexOf("\\uD"u8) < 0)
        {
            return;
        }

        var i = json.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < json.Length)
        {
            if (json[i + 1] != (byte)'u' || !TryReadEscape(json[i..], out var unit))
            {
                // Any other escape (\\, \", \n) is two bytes: skipping both keeps "\\ud83c" (an escaped
                // backslash, then text) from being taken for a surrogate.
                i = Next(json, i + 2);
                continue;
            }

            if (char.IsHighSurrogate(unit) && json.Length > i + EscapeLength
                && json[i + EscapeLength] == (byte)'\\'
                && TryReadEscape(json[(i + EscapeLength)..], out var low) && char.IsLowSurrogate(low))
            {
                i = Next(json, i + (2 * EscapeLength));
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                "\\ufffd"u8.CopyTo(json[i..]);
            }

            i = Next(json, i + EscapeLength);
        }
    }

    private static int Next(Span<byte> json, int from)
    {
        if (from >= json.Length)
        {
            return -1;
        }

        var next = json[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> escape, out char unit)
    {
        unit = '\0';
        if (escape.Length < EscapeLength || escape[1] != (byte)'u'
            || !Utf8Parser.TryParse(escape.Slice(2, 4), out ushort value, out var consumed, 'X') || consumed != 4)
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
