namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// Follows JSON text fed in fragments and tells when one complete object or array has been seen,
/// without parsing or keeping it: enough to know that a streamed tool call's arguments are done.
/// </summary>
internal struct JsonValueTracker
{
    private int _depth;
    private bool _inString;
    private bool _escaped;

    public bool IsComplete { get; private set; }

    public void Feed(ReadOnlySpan<byte> utf8Fragment)
    {
        // Structural characters are ASCII; no byte of a multi-byte UTF-8 character can be one.
        foreach (var c in utf8Fragment)
        {
            if (IsComplete)
            {
                return;
            }

            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == (byte)'\\')
                {
                    _escaped = true;
                }
                else if (c == (byte)'"')
                {
                    _inString = false;
                }

                continue;
            }

            switch (c)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                case (byte)'}' or (byte)']':
                    IsComplete = --_depth == 0;
                    break;
            }
        }
    }
}
