using System.Text.Json.Serialization;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary>Message content: a string, or content parts when there is more than plain text.</summary>
[JsonConverter(typeof(StringOrObjectsConverter<ChatMessageContent, ChatContentPart>))]
internal sealed record ChatMessageContent : IStringOrObjects<ChatMessageContent, ChatContentPart>
{
    public ChatMessageContent(string text) => Text = text;

    public ChatMessageContent(IReadOnlyList<ChatContentPart> parts) => Parts = parts;

    public static string ExpectedShape => "Expected a string or an array of content parts.";

    public string? Text { get; }

    public IReadOnlyList<ChatContentPart>? Parts { get; }

    IReadOnlyList<ChatContentPart>? IStringOrObjects<ChatMessageContent, ChatContentPart>.Objects => Parts;

    bool IStringOrObjects<ChatMessageContent, ChatContentPart>.IsSingleObject => false;

    public static ChatMessageContent FromText(string text) => new(text);

    public static ChatMessageContent FromObjects(IReadOnlyList<ChatContentPart> objects, bool isSingleObject) => new(objects);
}
