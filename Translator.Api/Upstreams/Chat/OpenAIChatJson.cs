using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams.Chat;

/// <summary>Type information for the requests sent upstream (<see cref="UpstreamJson"/>).</summary>
internal static class OpenAIChatJson
{
    private static readonly JsonSerializerOptions Options = UpstreamJson.Relaxed(OpenAIChatJsonContext.Default);

    public static JsonTypeInfo<IReadOnlyList<ChatMessage>> Messages { get; } = Options.Info<IReadOnlyList<ChatMessage>>();

    public static JsonTypeInfo<ChatCompletionRequest> ChatCompletionRequest { get; } = Options.Info<ChatCompletionRequest>();
}
