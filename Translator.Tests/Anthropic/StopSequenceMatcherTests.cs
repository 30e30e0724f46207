using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Tests.Anthropic;

/// <summary>
/// The matcher streams text through, cut before the first stop sequence: no byte of a matched
/// sequence is ever released, and only what may still begin one (or an unfinished character) waits.
/// </summary>
public sealed class StopSequenceMatcherTests
{
    /// <summary>
    /// Pieces fed one after the other, what each released (joined by |), and the sequence matched.
    /// </summary>
    public static TheoryData<string, string[], string[], string, string?> Streams => new()
    {
        { "text before the sequence goes, the sequence and what follows do not", ["END"], ["Hello END world", " more"], "Hello ||", "END" },
        { "a sequence split across pieces is held, never sent", ["\n\nHuman:"], ["It is 42.\n", "\nHu", "man", ": thanks"], "It is 42.||||", "\n\nHuman:" },
        { "only a tail that may begin a sequence waits, and goes when the match fails", ["STOP"], ["abcST", "x"], "abc|STx|", null },
        { "a sequence of multibyte characters split between them is held whole", ["東京→"], ["Vers 東", "京", "→ fin"], "Vers |||", "東京→" },
        { "a character sharing only its first byte with a sequence goes (è is C3 A8, é C3 A9)", ["é!"], ["è", "é"], "è||é", null },
        { "the sequence that completes first wins, as a model checking after each token stops", ["abcd", "bc"], ["ab", "cd"], "|a|", "bc" },
        { "of two sequences ending together, the longer one is cut before", ["c", "bc"], ["abc"], "a|", "bc" },
        { "text longer than the buffer keeps its held tail", ["<stop>"], [new string('x', 1000) + "<st", "op>"], new string('x', 1000) + "||", "<stop>" },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Text_is_released_up_to_the_first_sequence_and_no_further(string behaviour, string[] sequences, string[] pieces, string expected, string? matched)
    {
        var matcher = StopSequenceMatcher.For(sequences)!;

        var released = pieces.Select(p => Text(matcher.Feed(Encoding.UTF8.GetBytes(p)))).ToList();
        released.Add(Text(matcher.Flush()));
        var sent = string.Join("|", released);

        Assert.True(expected == sent, $"{behaviour}: sent {sent}");
        Assert.Equal(matched, matcher.Matched);
    }

    [Fact]
    public void After_a_flush_matching_starts_afresh()
    {
        var matcher = StopSequenceMatcher.For(["STOP"])!;

        Assert.Equal("a", Text(matcher.Feed("aSTO"u8)));
        Assert.True(matcher.IsHolding);
        Assert.Equal("STO", Text(matcher.Flush()));
        Assert.False(matcher.IsHolding);
        Assert.Equal("P ", Text(matcher.Feed("P "u8)));
        Assert.Equal(0, matcher.Feed("STOP"u8).Length);
        Assert.Equal("STOP", matcher.Matched);
    }

    [Fact]
    public void A_character_split_between_pieces_is_never_released_in_part()
    {
        var matcher = StopSequenceMatcher.For(["END"])!;
        var bytes = Encoding.UTF8.GetBytes("é😀");

        Assert.Equal(0, matcher.Feed(bytes.AsSpan(0, 1)).Length);
        Assert.Equal("é", Text(matcher.Feed(bytes.AsSpan(1, 1))));
        Assert.Equal(0, matcher.Feed(bytes.AsSpan(2, 3)).Length);
        Assert.Equal("😀", Text(matcher.Feed(bytes.AsSpan(5))));
    }

    [Fact]
    public void A_request_without_sequences_gets_no_matcher()
    {
        Assert.Null(StopSequenceMatcher.For(null));
        Assert.Null(StopSequenceMatcher.For([]));
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
