using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Responses;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponsesWebSearch.SearchInput))]
[JsonSerializable(typeof(List<ResponsesContentPart>))]
[JsonSerializable(typeof(IReadOnlyList<ResponsesContentPart>))]
[JsonSerializable(typeof(ResponsesNamedToolChoice))]
[JsonSerializable(typeof(ResponsesResponse))]
[JsonSerializable(typeof(ResponsesStreamEvent))]
internal sealed partial class OpenAIResponsesJsonContext : JsonSerializerContext;
