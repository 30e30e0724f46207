using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>Content that Anthropic accepts either as a plain string or as an array of blocks.</summary>
[JsonConverter(typeof(MessageContentConverter))]
internal sealed record MessageContent
{
    public MessageContent(string text) => Text = text;

    public MessageContent(IReadOnlyList<ContentBlock> blocks) => Blocks = blocks;

    /// <summary>Set when the content was a string.</summary>
    public string? Text { get; }

    /// <summary>Set when the content was an array of blocks (or one block, see <see cref="IsSingleObject"/>).</summary>
    public IReadOnlyList<ContentBlock>? Blocks { get; }

    /// <summary>The content was one object rather than an array: valid only as a failed web search's result.</summary>
    public bool IsSingleObject { get; init; }
}
