using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>
/// The <c>source</c> of an image or document block (<c>base64</c>, <c>url</c> or <c>text</c>), or of a
/// search result (a string, <see cref="Name"/>).
/// </summary>
internal sealed record ContentSource
{
    public string? Type { get; init; }
    public string? MediaType { get; init; }
    public string? Data { get; init; }
    public string? Url { get; init; }

    /// <summary>search_result: where the result came from, as the client names it; written back as the string it was.</summary>
    [JsonIgnore]
    public string? Name { get; init; }
}
