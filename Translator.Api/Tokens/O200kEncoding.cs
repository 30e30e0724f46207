using System.Buffers;
using System.IO.Compression;
using System.Numerics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Translator.Api.Memory;

namespace Translator.Api.Tokens;

/// <summary>
/// Counts tokens with GPT-5's byte-pair encoding, o200k_base, as tiktoken defines it: the text is
/// split by the encoding's pattern, each piece's UTF-8 is looked up whole, else merged pair by pair
/// in rank order. The vocabulary is Microsoft.ML.Tokenizers' own data package; the counting is ours
/// because that library keeps about 42 MB of dictionaries (ids, strings, decoders) for it, and a
/// translator holding a thousand streams cannot spare that. Here the 200,000 tokens are one byte
/// blob and one open-addressing table: about 5 MB. The tests hold the counts equal to the library's.
/// </summary>
internal sealed partial class O200kEncoding
{
    private const string VocabularyAssembly = "Microsoft.ML.Tokenizers.Data.O200kBase";
    private const string VocabularyResource = "o200k_base.tiktoken.deflate";

    /// <summary>
    /// Pieces longer than this (in UTF-8 bytes) are merged through a heap rather than by a scan.
    /// Measured on letters, DNA and spaces: the scan is faster up to 16 bytes, the two are even
    /// between 24 and 96, and at 128 the heap is 15-30% faster.
    /// </summary>
    private const int LongPiece = 64;

    // tiktoken's o200k_base special tokens: in text, each counts as one token.
    private static readonly string[] SpecialTokens = ["<|endoftext|>", "<|endofprompt|>"];

    private readonly byte[] _bytes;
    private readonly int[] _offsets;
    private readonly int[] _table;
    private readonly int _mask;

    private O200kEncoding(byte[] bytes, int[] offsets, int count)
    {
        _bytes = bytes;
        _offsets = offsets;
        _table = new int[(int)BitOperations.RoundUpToPowerOf2((uint)count * 2)];
        _mask = _table.Length - 1;
        for (var rank = 0; rank < count; rank++)
        {
            var slot = Slot(Token(rank));
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _table[slot] = rank + 1;
        }
    }

    /// <summary>The o200k_base pattern (tiktoken's <c>openai_public.py</c>).</summary>
    [GeneratedRegex(
        """[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>
    /// Reads the vocabulary: base64 tokens, one per line, ranks dense from 0. The package's only type
    /// is internal, so it is loaded by name; Translator.Api.csproj roots it (TrimmerRootAssembly),
    /// or the Native AOT build would drop the assembly no code refers to, resource and all.
    /// </summary>
    public static O200kEncoding Load()
    {
        using var compressed = Assembly.Load(VocabularyAssembly).GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"{VocabularyAssembly} has no {VocabularyResource}.");
        using var reader = new StreamReader(new DeflateStream(compressed, CompressionMode.Decompress), Encoding.ASCII);

        var bytes = new ArrayBufferWriter<byte>(2 * 1024 * 1024);
        var offsets = new List<int>(200_001) { 0 };
        Span<byte> token = stackalloc byte[256];
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            // The package's own header (its entry count), not a token.
            if (offsets.Count == 1 && line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            // A token per line in rank order; the rank may follow it ("<base64> <rank>").
            var space = line.IndexOf(' ');
            var encoded = space < 0 ? line.AsSpan() : line.AsSpan(0, space);
            if ((space >= 0 && int.Parse(line.AsSpan(space + 1)) != offsets.Count - 1)
                || !Convert.TryFromBase64Chars(encoded, token, out var length))
            {
                throw new InvalidDataException($"Unexpected line in {VocabularyResource}: {line}");
            }

            bytes.Write(token[..length]);
            offsets.Add(bytes.WrittenCount);
        }

        return new O200kEncoding(bytes.WrittenSpan.ToArray(), [.. offsets], offsets.Count - 1);
    }

    /// <summary>The tokens of a text; the checkpoints let the request's cancellation stop a long count.</summary>
    public int CountTokens(ReadOnlySpan<char> text, CountCheckpoints checkpoints = default)
    {
        var count = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var (at, special) = NextSpecialToken(rest);
            count += CountOrdinary(rest[..at], checkpoints);
            if (special == 0)
            {
                break;
            }

            count++;
            rest = rest[(at + special)..];
        }

        return count;
    }

    private static (int At, int Length) NextSpecialToken(ReadOnlySpan<char> text)
    {
        var first = (At: text.Length, Length: 0);
        foreach (var special in SpecialTokens)
        {
            var at = text.IndexOf(special, StringComparison.Ordinal);
            if (at >= 0 && at < first.At)
            {
                first = (at, special.Length);
            }
        }

        return first;
    }

    private int CountOrdinary(ReadOnlySpan<char> text, CountCheckpoints checkpoints)
    {
        var count = 0;
        byte[]? rented = null;
        Span<byte> buffer = stackalloc byte[512];
        try
        {
            foreach (var match in Pattern().EnumerateMatches(text))
            {
                checkpoints.Pass();
                var piece = text.Slice(match.Index, match.Length);
                // The exact size, not the maximum: a piece of a megabyte would rent three.
                var needed = Encoding.UTF8.GetMaxByteCount(piece.Length) > buffer.Length ? Encoding.UTF8.GetByteCount(piece) : 0;
                if (needed > buffer.Length)
                {
                    if (rented is not null)
                    {
                        LargeArrays.Return(rented);
                    }

                    rented = LargeArrays.Rent<byte>(needed);
                    buffer = rented;
                }

                var utf8 = buffer[..Encoding.UTF8.GetBytes(piece, buffer)];
                count += Rank(utf8) >= 0 ? 1
                    : utf8.Length <= LongPiece ? CountMerged(utf8)
                    : LongPieceMerge.Count(this, utf8, checkpoints);
            }
        }
        finally
        {
            if (rented is not null)
            {
                LargeArrays.Return(rented);
            }
        }

        return count;
    }

    /// <summary>
    /// tiktoken's byte-pair merge: start from single bytes, repeatedly merge the adjacent pair whose
    /// bytes form the lowest-ranked token, until no pair is a token. The count is what remains. This
    /// scan is quadratic in the piece's length and the fastest way for the short pieces nearly all
    /// text is made of; longer ones go to <see cref="LongPieceMerge"/>, which makes the same merges.
    /// </summary>
    private int CountMerged(ReadOnlySpan<byte> piece)
    {
        // Part i starts at starts[i]; ranks[i] is the rank of parts i and i+1 merged (int.MaxValue: none).
        var length = piece.Length;
        Span<int> scratch = stackalloc int[2 * (length + 1)];
        var starts = scratch[..(length + 1)];
        var ranks = scratch[(length + 1)..];
        for (var i = 0; i <= length; i++)
        {
            starts[i] = i;
        }

        var parts = length + 1;
        for (var i = 0; i < parts - 1; i++)
        {
            ranks[i] = PairRank(piece, starts, parts, i);
        }

        while (parts > 2)
        {
            var best = int.MaxValue;
            var at = -1;
            for (var i = 0; i < parts - 2; i++)
            {
                if (ranks[i] < best)
                {
                    best = ranks[i];
                    at = i;
                }
            }

            if (at < 0)
            {
                break;
            }

            // Part at+1 is absorbed into part at: its start goes, and so does the rank of the
            // pair it began; the ranks of later pairs move down with their parts.
            starts[(at + 2)..parts].CopyTo(starts[(at + 1)..]);
            if (at + 2 < parts - 2)
            {
                ranks[(at + 2)..(parts - 2)].CopyTo(ranks[(at + 1)..]);
            }

            parts--;
            ranks[at] = PairRank(piece, starts, parts, at);
            if (at > 0)
            {
                ranks[at - 1] = PairRank(piece, starts, parts, at - 1);
            }
        }

        return parts - 1;
    }

    private int PairRank(ReadOnlySpan<byte> piece, Span<int> starts, int parts, int i)
    {
        if (i + 2 >= parts)
        {
            return int.MaxValue;
        }

        var rank = Rank(piece[starts[i]..starts[i + 2]]);
        return rank >= 0 ? rank : int.MaxValue;
    }

    /// <summary>The rank of a token's bytes, or -1.</summary>
    public int Rank(ReadOnlySpan<byte> token)
    {
        for (var slot = Slot(token); _table[slot] is var entry and not 0; slot = (slot + 1) & _mask)
        {
            if (Token(entry - 1).SequenceEqual(token))
            {
                return entry - 1;
            }
        }

        return -1;
    }

    private int Slot(ReadOnlySpan<byte> token)
    {
        var hash = new HashCode();
        hash.AddBytes(token);
        return hash.ToHashCode() & _mask;
    }

    private ReadOnlySpan<byte> Token(int rank) => _bytes.AsSpan(_offsets[rank], _offsets[rank + 1] - _offsets[rank]);
}
