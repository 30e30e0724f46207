namespace Translator.Api.Upstreams.Chat;

/// <summary>A content part: <c>text</c>, <c>image_url</c> or <c>file</c>.</summary>
internal sealed record ChatContentPart
{
    public required string Type { get; init; }
    public string? Text { get; init; }
    public ChatImageUrl? ImageUrl { get; init; }
    public ChatFile? File { get; init; }
    public PromptCacheBreakpoint? PromptCacheBreakpoint { get; init; }

    public static ChatContentPart FromText(string text) => new() { Type = "text", Text = text };

    public static ChatContentPart FromImageUrl(string url) => new() { Type = "image_url", ImageUrl = new ChatImageUrl(url) };
}
