using Translator.Api.Anthropic;

namespace Translator.Tests.Anthropic;

/// <summary>The translator's own end of an answer at the client's max_tokens, fed in the answer's order (a token is a character here).</summary>
public sealed class MaxTokensCutTests
{
    [Fact]
    public void Passes_what_fits_then_the_part_that_still_fits_then_nothing()
    {
        var cut = new MaxTokensCut(5, text => text.Length);

        Assert.Equal("abc", cut.Take("abc"));
        Assert.False(cut.Reached);
        Assert.Equal("de", cut.Take("defg"));
        Assert.True(cut.Reached);
        Assert.Equal("", cut.Take("h"));
    }

    [Fact]
    public void Never_ends_inside_a_surrogate_pair()
    {
        var cut = new MaxTokensCut(2, text => text.Length);

        Assert.Equal("a", cut.Take("a😀b"));
        Assert.True(cut.Reached);
    }
}
