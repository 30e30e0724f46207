using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Anthropic;

/// <summary>
/// Type information for what the translator writes to Anthropic clients. Anthropic sends UTF-8 as
/// is; the default encoder would escape every non-ASCII character, quote and backtick.
/// </summary>
internal static class AnthropicJson
{
    private static readonly JsonSerializerOptions Options = new(AnthropicJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo<MessagesResponse> MessagesResponse { get; } = (JsonTypeInfo<MessagesResponse>)Options.GetTypeInfo(typeof(MessagesResponse));

    public static JsonTypeInfo<CountTokensResponse> CountTokensResponse { get; } = (JsonTypeInfo<CountTokensResponse>)Options.GetTypeInfo(typeof(CountTokensResponse));

    public static JsonTypeInfo<ModelList> ModelList { get; } = (JsonTypeInfo<ModelList>)Options.GetTypeInfo(typeof(ModelList));

    public static JsonTypeInfo<ModelInfo> ModelInfo { get; } = (JsonTypeInfo<ModelInfo>)Options.GetTypeInfo(typeof(ModelInfo));

    public static JsonTypeInfo<ErrorResponse> ErrorResponse { get; } = (JsonTypeInfo<ErrorResponse>)Options.GetTypeInfo(typeof(ErrorResponse));
}
