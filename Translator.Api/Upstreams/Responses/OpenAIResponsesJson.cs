using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams.Responses;

/// <summary>Type information for the requests sent upstream, with UTF-8 written as is.</summary>
internal static class OpenAIResponsesJson
{
    private static readonly JsonSerializerOptions Options = new(OpenAIResponsesJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo<ResponsesRequest> ResponsesRequest { get; } = (JsonTypeInfo<ResponsesRequest>)Options.GetTypeInfo(typeof(ResponsesRequest));
}
