namespace Translator.Api.Anthropic;

/// <summary>A text's citation of a web page (<c>web_search_result_location</c>).</summary>
/// <param name="CitedText">The cited passage, at most 150 characters.</param>
/// <param name="EncryptedIndex">Opaque to clients.</param>
internal sealed record WebSearchCitation(string Url, string Title, string CitedText, string EncryptedIndex)
{
    public string Type => "web_search_result_location";
}
