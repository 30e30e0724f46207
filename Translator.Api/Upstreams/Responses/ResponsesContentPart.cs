namespace Translator.Api.Upstreams.Responses;

/// <summary>A content part: <c>input_text</c>, <c>output_text</c>, <c>input_image</c> or <c>input_file</c>.</summary>
internal sealed record ResponsesContentPart
{
    public required string Type { get; init; }
    public string? Text { get; init; }
    public string? ImageUrl { get; init; }
    public string? Filename { get; init; }
    public string? FileData { get; init; }
    public PromptCacheBreakpoint? PromptCacheBreakpoint { get; init; }

    public static ResponsesContentPart InputText(string text) => new() { Type = "input_text", Text = text };

    public static ResponsesContentPart OutputText(string text) => new() { Type = "output_text", Text = text };

    public static ResponsesContentPart InputImage(string url) => new() { Type = "input_image", ImageUrl = url };
}
