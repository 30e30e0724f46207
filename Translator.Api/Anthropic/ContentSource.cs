namespace Translator.Api.Anthropic;

/// <summary>The <c>source</c> of an image or document block: <c>base64</c>, <c>url</c> or <c>text</c>.</summary>
internal sealed record ContentSource
{
    public string? Type { get; init; }
    public string? MediaType { get; init; }
    public string? Data { get; init; }
    public string? Url { get; init; }
}
