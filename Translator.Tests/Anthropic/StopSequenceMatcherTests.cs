using System.Text;
using Translator.Api.Anthropic;

namespace Translator.Tests.Anthropic;

/// <summary>
/// The matcher streams text through, cut before the first stop sequence: no byte of a matched
/// sequence is ever released, and only what may still begin one (or an unfinished character) waits.
/// </summary>
public sealed class StopSequenceMatcherTests
{
    [Fact]
    public void Text_before_the_sequence_is_released_and_the_sequence_and_what_follows_are_not()
    {
        var matcher = Matcher("END");

        Assert.Equal("Hello ", Feed(matcher, "Hello END world"));
        Assert.Equal("END", matcher.Matched);
        Assert.Equal("", Feed(matcher, " more"));
        Assert.Equal("", Text(matcher.Flush()));
    }

    [Fact]
    public void A_sequence_split_across_pieces_is_held_and_never_released()
    {
        var matcher = Matcher("\n\nHuman:");

        var released = Feed(matcher, "It is 42.\n") + Feed(matcher, "\nHu") + Feed(matcher, "man") + Feed(matcher, ": thanks");

        Assert.Equal("It is 42.", released);
        Assert.Equal("\n\nHuman:", matcher.Matched);
    }

    [Fact]
    public void Only_the_tail_that_may_begin_a_sequence_is_held_and_it_goes_out_when_the_match_fails()
    {
        var matcher = Matcher("STOP");

        Assert.Equal("abc", Feed(matcher, "abcST"));
        Assert.Equal("STx", Feed(matcher, "x"));
        Assert.Null(matcher.Matched);
    }

    [Fact]
    public void What_is_held_when_the_text_ends_is_flushed_and_matching_starts_afresh()
    {
        var matcher = Matcher("STOP");

        Assert.Equal("a", Feed(matcher, "aSTO"));
        Assert.True(matcher.IsHolding);
        Assert.Equal("STO", Text(matcher.Flush()));
        Assert.False(matcher.IsHolding);
        Assert.Equal("P ", Feed(matcher, "P "));
        Assert.Equal("", Feed(matcher, "STOP"));
        Assert.Equal("STOP", matcher.Matched);
    }

    [Fact]
    public void A_sequence_of_multibyte_characters_split_between_them_is_held_whole()
    {
        var matcher = Matcher("東京→");

        Assert.Equal("Vers ", Feed(matcher, "Vers 東"));
        Assert.Equal("", Feed(matcher, "京"));
        Assert.Equal("", Feed(matcher, "→ fin"));
        Assert.Equal("東京→", matcher.Matched);
    }

    [Fact]
    public void A_character_split_between_pieces_is_never_released_in_part()
    {
        var matcher = Matcher("END");
        var bytes = Encoding.UTF8.GetBytes("é😀");

        Assert.Equal(0, matcher.Feed(bytes.AsSpan(0, 1)).Length);
        Assert.Equal("é", Text(matcher.Feed(bytes.AsSpan(1, 1))));
        Assert.Equal(0, matcher.Feed(bytes.AsSpan(2, 3)).Length);
        Assert.Equal("😀", Text(matcher.Feed(bytes.AsSpan(5))));
    }

    [Fact]
    public void A_character_that_shares_only_its_first_byte_with_a_sequence_is_released()
    {
        // è is C3 A8, é is C3 A9: a byte-wise prefix check must not hold è back.
        var matcher = Matcher("é!");

        Assert.Equal("è", Feed(matcher, "è"));
        Assert.Equal("", Feed(matcher, "é"));
        Assert.Equal("é", Text(matcher.Flush()));
    }

    [Fact]
    public void The_sequence_that_completes_first_wins_as_a_model_checking_after_each_token_would_stop()
    {
        var matcher = Matcher("abcd", "bc");

        Assert.Equal("a", Feed(matcher, "ab") + Feed(matcher, "cd"));
        Assert.Equal("bc", matcher.Matched);
    }

    [Fact]
    public void Of_two_sequences_ending_together_the_longer_one_is_cut_before()
    {
        var matcher = Matcher("c", "bc");

        Assert.Equal("a", Feed(matcher, "abc"));
        Assert.Equal("bc", matcher.Matched);
    }

    [Fact]
    public void A_request_without_sequences_gets_no_matcher()
    {
        Assert.Null(StopSequenceMatcher.For(null));
        Assert.Null(StopSequenceMatcher.For([]));
    }

    [Fact]
    public void Long_text_grows_the_buffer_and_keeps_the_held_tail()
    {
        var matcher = Matcher("<stop>");
        var longText = new string('x', 1000) + "<st";

        Assert.Equal(new string('x', 1000), Feed(matcher, longText));
        Assert.Equal("", Feed(matcher, "op>"));
        Assert.Equal("<stop>", matcher.Matched);
    }

    private static StopSequenceMatcher Matcher(params string[] sequences) => StopSequenceMatcher.For(sequences)!;

    private static string Feed(StopSequenceMatcher matcher, string text) => Text(matcher.Feed(Encoding.UTF8.GetBytes(text)));

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
