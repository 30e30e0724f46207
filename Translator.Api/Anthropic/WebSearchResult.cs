using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>One page a web search found.</summary>
/// <param name="EncryptedContent">Opaque to clients, which send it back as it came.</param>
/// <param name="PageAge">How old the page is, when known.</param>
internal sealed record WebSearchResult(string Url, string Title, string EncryptedContent, string? PageAge)
{
    [JsonPropertyOrder(-1)]
    public string Type => "web_search_result";
}
