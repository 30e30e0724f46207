using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Chat;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(IReadOnlyList<ChatMessage>))]
[JsonSerializable(typeof(List<ChatContentPart>))]
[JsonSerializable(typeof(IReadOnlyList<ChatContentPart>))]
[JsonSerializable(typeof(ChatNamedToolChoice))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatUsage))]
[JsonSerializable(typeof(ChatStreamError))]
internal sealed partial class OpenAIChatJsonContext : JsonSerializerContext;
