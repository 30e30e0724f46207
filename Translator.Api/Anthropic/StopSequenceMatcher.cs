using System.Text;

namespace Translator.Api.Anthropic;

/// <summary>
/// Finds the request's <c>stop_sequences</c> in answer text as it comes, for upstreams that cannot
/// stop on them (reasoning models refuse <c>stop</c>; the Responses API has no such field). Text is
/// fed as UTF-8 pieces; what <see cref="Feed"/> releases may be sent: never a byte of a sequence that
/// matched, and only the tail that could still begin one (or an unfinished UTF-8 character) is held
/// back. The first sequence to complete wins, since that is where a model checking after each token
/// stops; the text is cut before it. One text block at a time: <see cref="Flush"/> starts afresh.
/// </summary>
internal sealed class StopSequenceMatcher
{
    private readonly byte[][] _sequences;
    private readonly string[] _names;
    private readonly int _longest;
    private byte[] _buffer = new byte[256];
    private int _heldStart;
    private int _held;

    private StopSequenceMatcher(IReadOnlyList<string> sequences)
    {
        _names = [.. sequences];
        _sequences = [.. sequences.Select(Encoding.UTF8.GetBytes)];
        _longest = _sequences.Max(s => s.Length);
    }

    /// <summary>A matcher for the request's sequences; none when it sent none.</summary>
    public static StopSequenceMatcher? For(IReadOnlyList<string>? sequences) =>
        sequences is { Count: > 0 } && sequences.All(s => s.Length > 0) ? new StopSequenceMatcher(sequences) : null;

    /// <summary>The sequence that matched, once one has: nothing more is released after it.</summary>
    public string? Matched { get; private set; }

    /// <summary>Text is held back that may still begin a sequence.</summary>
    public bool IsHolding => _held > 0;

    /// <summary>
    /// Takes the next piece of text and returns what can be sent now: all of it but a held tail, or,
    /// when a sequence completed, the text before it. Valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Feed(ReadOnlySpan<byte> text)
    {
        if (Matched is not null)
        {
            return default;
        }

        var length = _held + text.Length;
        if (_buffer.Length < length)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, length)];
            _buffer.AsSpan(_heldStart, _held).CopyTo(larger);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_heldStart, _held).CopyTo(_buffer);
        }

        text.CopyTo(_buffer.AsSpan(_held));
        var window = _buffer.AsSpan(0, length);

        if (FirstCompleted(window) is var (start, index))
        {
            Matched = _names[index];
            _held = 0;
            return window[..start];
        }

        var keep = Math.Max(TailThatMayBeginSequence(window), UnfinishedCharacter(window));
        _heldStart = length - keep;
        _held = keep;
        return window[.._heldStart];
    }

    /// <summary>The text is over (its block ends): returns what was held back and starts afresh.</summary>
    public ReadOnlySpan<byte> Flush()
    {
        var held = _buffer.AsSpan(_heldStart, _held);
        _held = 0;
        _heldStart = 0;
        return held;
    }

    /// <summary>Where the sequence that ends first starts (the longer one when two end together), and which it is.</summary>
    private (int Start, int Index)? FirstCompleted(ReadOnlySpan<byte> window)
    {
        (int Start, int Index)? first = null;
        var firstEnd = int.MaxValue;
        for (var i = 0; i < _sequences.Length; i++)
        {
            var at = window.IndexOf(_sequences[i]);
            if (at < 0)
            {
                continue;
            }

            var end = at + _sequences[i].Length;
            if (end < firstEnd || (end == firstEnd && at < first!.Value.Start))
            {
                first = (at, i);
                firstEnd = end;
            }
        }

        return first;
    }

    /// <summary>The length of the longest end of <paramref name="window"/> that is the start of a sequence.</summary>
    private int TailThatMayBeginSequence(ReadOnlySpan<byte> window)
    {
        for (var k = Math.Min(window.Length, _longest - 1); k > 0; k--)
        {
            var tail = window[^k..];
            foreach (var sequence in _sequences)
            {
                if (sequence.Length > k && sequence.AsSpan().StartsWith(tail))
                {
                    return k;
                }
            }
        }

        return 0;
    }

    /// <summary>The bytes of a character the text ends inside of (0 when it ends on a boundary): they cannot be sent alone.</summary>
    private static int UnfinishedCharacter(ReadOnlySpan<byte> window)
    {
        for (var k = 1; k <= Math.Min(3, window.Length); k++)
        {
            var b = window[^k];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > k ? k : 0;
        }

        return 0;
    }
}
