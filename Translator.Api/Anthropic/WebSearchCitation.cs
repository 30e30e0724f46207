using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>A text's citation of a web page (<c>web_search_result_location</c>).</summary>
/// <param name="CitedText">The cited passage, at most 150 characters.</param>
/// <param name="EncryptedIndex">Opaque to clients.</param>
internal sealed record WebSearchCitation(string Url, string Title, string CitedText, string EncryptedIndex)
{
    [JsonPropertyOrder(-1)]
    public string Type => "web_search_result_location";
}
