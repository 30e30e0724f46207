using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>Content that Anthropic accepts either as a plain string or as an array of blocks.</summary>
[JsonConverter(typeof(StringOrObjectsConverter<MessageContent, ContentBlock>))]
internal sealed record MessageContent : IStringOrObjects<MessageContent, ContentBlock>
{
    public MessageContent(string text) => Text = text;

    public MessageContent(IReadOnlyList<ContentBlock> blocks) => Blocks = blocks;

    public static string ExpectedShape => "Expected a string or an array of content blocks.";

    /// <summary>One block where a list is expected: a failed web search's result holds its error so
    /// (only web_search_tool_result may, ContentBlockValidator.RequireList).</summary>
    public static bool TakesSingleObject => true;

    /// <summary>Set when the content was a string.</summary>
    public string? Text { get; }

    /// <summary>Set when the content was an array of blocks (or one block, see <see cref="IsSingleObject"/>).</summary>
    public IReadOnlyList<ContentBlock>? Blocks { get; }

    /// <summary>The content was one object rather than an array: valid only as a failed web search's result.</summary>
    public bool IsSingleObject { get; init; }

    IReadOnlyList<ContentBlock>? IStringOrObjects<MessageContent, ContentBlock>.Objects => Blocks;

    public static MessageContent FromText(string text) => new(text);

    public static MessageContent FromObjects(IReadOnlyList<ContentBlock> objects, bool isSingleObject) => new(objects) { IsSingleObject = isSingleObject };
}
