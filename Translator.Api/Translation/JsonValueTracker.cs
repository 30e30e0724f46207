namespace Translator.Api.Translation;

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

    public void Feed(ReadOnlySpan<char> fragment)
    {
        foreach (var c in fragment)
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
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    break;
                case '{' or '[':
                    _depth++;
                    break;
                case '}' or ']':
                    IsComplete = --_depth == 0;
                    break;
            }
        }
    }
}
