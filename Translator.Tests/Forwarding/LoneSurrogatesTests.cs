using System.Text;
using Translator.Api.Forwarding;

namespace Translator.Tests.Forwarding;

/// <summary>The raw-byte rewrite of lone surrogate escapes: only lone ones, only real escapes.</summary>
public sealed class LoneSurrogatesTests
{
    [Theory]
    [InlineData(@"""a\ud83cb""", @"""a\ufffdb""")]
    [InlineData(@"""\uDC00""", @"""\ufffd""")]
    [InlineData(@"""\ud83c""", @"""\ufffd""")]
    [InlineData(@"""\ud83c\ud83c\udf89""", @"""\ufffd\ud83c\udf89""")]
    [InlineData(@"""\ud83c\udf89\udf89""", @"""\ud83c\udf89\ufffd""")]
    [InlineData(@"""\ud83c\n""", @"""\ufffd\n""")]
    public void A_lone_surrogate_escape_becomes_a_replacement_character(string json, string expected) =>
        Assert.Equal(expected, Rewrite(json));

    [Theory]
    [InlineData(@"""\ud83c\udf89""")]
    [InlineData(@"""\uD83C\uDF89""")]
    [InlineData(@"""C:\\ud83c""")]
    [InlineData(@"""\\\\ud83c""")]
    [InlineData(@"""\u00e9\u20ac""")]
    [InlineData(@"""plain""")]
    public void Pairs_other_escapes_and_escaped_backslashes_are_left_alone(string json) =>
        Assert.Equal(json, Rewrite(json));

    private static string Rewrite(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        LoneSurrogates.Replace(bytes);
        return Encoding.UTF8.GetString(bytes);
    }
}
