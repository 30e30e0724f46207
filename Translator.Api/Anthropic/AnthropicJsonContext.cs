using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(List<ContentBlock>))]
[JsonSerializable(typeof(IReadOnlyList<ContentBlock>))]
[JsonSerializable(typeof(MessagesResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(CountTokensResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(ContextManagementResponse))]
[JsonSerializable(typeof(List<WebSearchResult>))]
[JsonSerializable(typeof(WebSearchError))]
[JsonSerializable(typeof(WebSearchCitation))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
