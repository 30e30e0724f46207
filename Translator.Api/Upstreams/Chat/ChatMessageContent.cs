using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Chat;

/// <summary>Message content: a string, or content parts when there is more than plain text.</summary>
[JsonConverter(typeof(ChatMessageContentConverter))]
internal sealed record ChatMessageContent
{
    public ChatMessageContent(string text) => Text = text;

    public ChatMessageContent(IReadOnlyList<ChatContentPart> parts) => Parts = parts;

    public string? Text { get; }

    public IReadOnlyList<ChatContentPart>? Parts { get; }
}
