using System.Text.Json;

namespace Translator.Api.Upstreams;

/// <summary>
/// The text of one upstream stream item, unescaped into UTF-8 and kept as ranges of one growing
/// buffer: what a stream parser reads instead of strings. One per stream, cleared per item; a range
/// is valid until the next <see cref="Clear"/>.
/// </summary>
internal sealed class Utf8TextBuffer
{
    private byte[] _bytes = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> this[Range range] => _bytes.AsSpan(0, _length)[range];

    public void Clear() => _length = 0;

    /// <summary>Appends the string (or null, as empty) the reader is on, unescaped; a JSON error otherwise.</summary>
    public Range Append(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string or null, found {reader.TokenType}.");
        }

        // Unescaping never lengthens the text.
        var needed = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_bytes.Length - _length < needed)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + needed));
        }

        // CopyString unescapes and validates: invalid UTF-8, or an escaped lone surrogate, throws.
        int written;
        try
        {
            written = reader.CopyString(_bytes.AsSpan(_length));
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("A string is not valid UTF-8 or UTF-16.", e);
        }

        var range = new Range(_length, _length + written);
        _length += written;
        return range;
    }

    public static bool IsEmpty(Range range) => range.Start.Value == range.End.Value;
}
