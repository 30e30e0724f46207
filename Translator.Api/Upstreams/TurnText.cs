using System.Text;

namespace Translator.Api.Upstreams;

/// <summary>Texts joined by blank lines; one text alone is kept as it is, without a copy.</summary>
internal struct TurnText
{
    private string? _single;
    private StringBuilder? _joined;

    public readonly bool IsEmpty => _single is null && _joined is not { Length: > 0 };

    public void Append(string text)
    {
        if (IsEmpty)
        {
            _single = text;
            return;
        }

        if (_single is not null)
        {
            _joined ??= new StringBuilder();
            _joined.Append(_single);
            _single = null;
        }

        _joined!.Append("\n\n").Append(text);
    }

    /// <summary>The text so far (null when there is none), and empty again.</summary>
    public string? Take()
    {
        var text = _single ?? (_joined is { Length: > 0 } ? _joined.ToString() : null);
        _single = null;
        _joined?.Clear();
        return text;
    }
}
