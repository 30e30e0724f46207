using System.Buffers;

namespace Translator.Api.Upstreams;

/// <summary>
/// Checks JSON text fed in fragments against the JSON grammar as it comes, without keeping it:
/// it tells when one whole object has been seen, and as soon as the text can no longer be one
/// (a syntax error, or a value that is not an object). A streamed tool call's arguments are
/// forwarded fragment by fragment; this is how the stream knows they make an Anthropic
/// <c>input</c>, with constant memory and no allocation per fragment.
/// </summary>
/// <remarks>
/// Accepts what <see cref="ToolArguments.TryParse"/> accepts: RFC 8259 JSON, no comments or
/// trailing commas, at most 64 levels deep (System.Text.Json's default), one object and then
/// whitespace only. Open containers are kept as one bit each (object or array) in a <see cref="ulong"/>.
/// </remarks>
internal struct JsonObjectTracker
{
    private const int MaxDepth = 64;

    // Inside a string only these stop the scan: its end, an escape, or a control character (not allowed raw).
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private State _state;
    private int _depth;
    private ulong _objects;
    private bool _stringIsKey;
    private byte _pending;
    private byte _literal;

    private enum State : byte
    {
        Blank,
        KeyOrObjectEnd,
        Key,
        Colon,
        Value,
        ValueOrArrayEnd,
        AfterValue,
        InString,
        Escape,
        UnicodeEscape,
        Minus,
        Zero,
        Integer,
        Dot,
        Fraction,
        Exponent,
        ExponentSign,
        ExponentDigits,
        Literal,
        Complete,
        Failed,
    }

    /// <summary>Nothing but whitespace so far: a call with no arguments, whose input is <c>{}</c>.</summary>
    public readonly bool IsBlank => _state == State.Blank;

    /// <summary>One whole JSON object has been seen.</summary>
    public readonly bool IsComplete => _state == State.Complete;

    /// <summary>The text can no longer become a JSON object, whatever follows.</summary>
    public readonly bool HasFailed => _state == State.Failed;

    /// <summary>The input the text makes when it ends now: an object, or nothing at all.</summary>
    public readonly bool IsWholeObject => _state is State.Complete or State.Blank;

    public void Feed(ReadOnlySpan<byte> utf8Fragment)
    {
        var i = 0;
        while (i < utf8Fragment.Length && _state != State.Failed)
        {
            if (_state == State.InString)
            {
                // The bulk of arguments is string content: skip it in one vectorized search.
                var special = utf8Fragment[i..].IndexOfAny(StringSpecials);
                if (special < 0)
                {
                    return;
                }

                i += special;
            }

            if (Step(utf8Fragment[i]))
            {
                i++;
            }
        }
    }

    /// <summary>Takes one byte; false when the byte ended a number and must be read again after it.</summary>
    private bool Step(byte c)
    {
        switch (_state)
        {
            case State.Blank:
                return IsWhitespace(c) || Open(c == (byte)'{', objects: true);
            case State.KeyOrObjectEnd:
                return IsWhitespace(c) || (c == (byte)'}' ? Close() : StartKey(c));
            case State.Key:
                return IsWhitespace(c) || StartKey(c);
            case State.Colon:
                return IsWhitespace(c) || Expect(c == (byte)':', State.Value);
            case State.Value:
                return IsWhitespace(c) || StartValue(c);
            case State.ValueOrArrayEnd:
                return IsWhitespace(c) || (c == (byte)']' ? Close() : StartValue(c));
            case State.AfterValue:
                return IsWhitespace(c) || AfterValue(c);
            case State.InString:
                return c switch
                {
                    (byte)'"' => Expect(true, _stringIsKey ? State.Colon : State.AfterValue),
                    (byte)'\\' => Expect(true, State.Escape),
                    _ => Expect(false, State.Failed),
                };
            case State.Escape:
                _pending = 0;
                return c == (byte)'u' ? Expect(true, State.UnicodeEscape) : Expect("\"\\/bfnrt"u8.Contains(c), State.InString);
            case State.UnicodeEscape:
                return Expect(char.IsAsciiHexDigit((char)c), ++_pending == 4 ? State.InString : State.UnicodeEscape);
            case State.Minus:
                return Expect(char.IsAsciiDigit((char)c), c == (byte)'0' ? State.Zero : State.Integer);
            case State.Zero:
                return Number(c, digits: false, dot: true, exponent: true);
            case State.Integer:
                return Number(c, digits: true, dot: true, exponent: true);
            case State.Dot:
                return Expect(char.IsAsciiDigit((char)c), State.Fraction);
            case State.Fraction:
                return Number(c, digits: true, dot: false, exponent: true);
            case State.Exponent:
                return c is (byte)'+' or (byte)'-' ? Expect(true, State.ExponentSign) : Expect(char.IsAsciiDigit((char)c), State.ExponentDigits);
            case State.ExponentSign:
                return Expect(char.IsAsciiDigit((char)c), State.ExponentDigits);
            case State.ExponentDigits:
                return Number(c, digits: true, dot: false, exponent: false);
            case State.Literal:
                var rest = LiteralRest(_literal);
                return Expect(c == rest[_pending], ++_pending == rest.Length ? State.AfterValue : State.Literal);
            case State.Complete:
                return Expect(IsWhitespace(c), State.Complete);
            default:
                return true;
        }
    }

    private bool StartKey(byte c)
    {
        _stringIsKey = true;
        return Expect(c == (byte)'"', State.InString);
    }

    private bool StartValue(byte c)
    {
        switch (c)
        {
            case (byte)'{' or (byte)'[':
                return Open(true, objects: c == (byte)'{');
            case (byte)'"':
                _stringIsKey = false;
                return Expect(true, State.InString);
            case (byte)'-':
                return Expect(true, State.Minus);
            case (byte)'0':
                return Expect(true, State.Zero);
            case >= (byte)'1' and <= (byte)'9':
                return Expect(true, State.Integer);
            case (byte)'t' or (byte)'f' or (byte)'n':
                _literal = c;
                _pending = 0;
                return Expect(true, State.Literal);
            default:
                return Expect(false, State.Failed);
        }
    }

    private bool AfterValue(byte c)
    {
        var inObject = (_objects & (1UL << (_depth - 1))) != 0;
        return c switch
        {
            (byte)',' => Expect(true, inObject ? State.Key : State.Value),
            (byte)'}' when inObject => Close(),
            (byte)']' when !inObject => Close(),
            _ => Expect(false, State.Failed),
        };
    }

    /// <summary>A number ends at the first byte that cannot continue it; that byte is read again.</summary>
    private bool Number(byte c, bool digits, bool dot, bool exponent)
    {
        if (digits && char.IsAsciiDigit((char)c))
        {
            return true;
        }

        if (dot && c == (byte)'.')
        {
            return Expect(true, State.Dot);
        }

        if (exponent && c is (byte)'e' or (byte)'E')
        {
            return Expect(true, State.Exponent);
        }

        _state = State.AfterValue;
        return false;
    }

    private bool Open(bool isOpening, bool objects)
    {
        if (!isOpening || _depth == MaxDepth)
        {
            return Expect(false, State.Failed);
        }

        _objects = objects ? _objects | (1UL << _depth) : _objects & ~(1UL << _depth);
        _depth++;
        return Expect(true, objects ? State.KeyOrObjectEnd : State.ValueOrArrayEnd);
    }

    private bool Close() => Expect(true, --_depth == 0 ? State.Complete : State.AfterValue);

    private bool Expect(bool isValid, State next)
    {
        _state = isValid ? next : State.Failed;
        return true;
    }

    private static ReadOnlySpan<byte> LiteralRest(byte first) => first switch
    {
        (byte)'t' => "rue"u8,
        (byte)'f' => "alse"u8,
        _ => "ull"u8,
    };

    private static bool IsWhitespace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
