using System.Text;
using Translator.Api.Upstreams;

namespace Translator.Tests.Upstreams;

/// <summary>The streamed check of tool arguments agrees with parsing them whole, however the text is cut into fragments.</summary>
public sealed class JsonObjectTrackerTests
{
    public static TheoryData<string> Texts =>
    [
        "{}",
        " { \"city\" : \"Paris\" } \n",
        "{\"a\":[1,-2.5e+3,0,0.1,1E9,true,false,null,{\"b\":[]},[[]]],\"c\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}",
        "{\"ünï\":\"cödé 世界\"}",
        "{\"city\":\"Par",
        "{\"city\":",
        "{\"n\":12",
        "[1,2]",
        "\"Paris\"",
        "42",
        "null",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1} x",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1.}",
        "{\"a\":1e}",
        "{\"a\":.5}",
        "{\"a\":tru}",
        "{\"a\":trux}",
        "{\"a\":[1,]}",
        "{\"a\":[1}",
        "{\"a\":{\"b\":1]}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":1}}",
        "{\"a\":1} /* c */",
        "{" + string.Concat(Enumerable.Repeat("\"a\":[", 63)) + new string(']', 63) + "}",
        "{" + string.Concat(Enumerable.Repeat("\"a\":[", 64)) + new string(']', 64) + "}",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Agrees_with_parsing_the_whole_text_wherever_it_is_split(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var parses = ToolArguments.TryParse(text, out _);

        for (var split = 0; split <= bytes.Length; split++)
        {
            var tracker = default(JsonObjectTracker);
            tracker.Feed(bytes.AsSpan(0, split));
            tracker.Feed(bytes.AsSpan(split));

            Assert.True(parses == tracker.IsWholeObject, $"split at {split}: parsing says {parses}, the tracker {tracker.IsWholeObject}");
        }
    }

    [Theory]
    [InlineData("{\"city\":\"Par")]
    [InlineData("{\"a\":[1,{\"b\":tr")]
    [InlineData("{\"n\":-1.5E")]
    public void Tells_arguments_that_stopped_short_from_arguments_that_cannot_be_an_object(string prefix)
    {
        var tracker = default(JsonObjectTracker);
        tracker.Feed(Encoding.UTF8.GetBytes(prefix));

        Assert.False(tracker.IsWholeObject);
        Assert.False(tracker.HasFailed);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("\"")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} x")]
    public void Fails_as_soon_as_the_text_cannot_become_an_object(string text)
    {
        var tracker = default(JsonObjectTracker);
        tracker.Feed(Encoding.UTF8.GetBytes(text));

        Assert.True(tracker.HasFailed);
    }

    [Fact]
    public void Takes_blank_arguments_as_a_call_without_any()
    {
        var tracker = default(JsonObjectTracker);
        tracker.Feed(" \n"u8);

        Assert.True(tracker.IsBlank);
        Assert.True(tracker.IsWholeObject);
    }
}
