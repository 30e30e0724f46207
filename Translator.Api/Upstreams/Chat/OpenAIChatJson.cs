using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// Type information for the requests sent upstream: UTF-8 as is, so a prompt in any script costs
/// its own bytes and not six per character.
/// </summary>
internal static class OpenAIChatJson
{
    private static readonly JsonSerializerOptions Options = new(OpenAIChatJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo<IReadOnlyList<ChatMessage>> Messages { get; } = (JsonTypeInfo<IReadOnlyList<ChatMessage>>)Options.GetTypeInfo(typeof(IReadOnlyList<ChatMessage>));

    public static JsonTypeInfo<ChatCompletionRequest> ChatCompletionRequest { get; } = (JsonTypeInfo<ChatCompletionRequest>)Options.GetTypeInfo(typeof(ChatCompletionRequest));
}
