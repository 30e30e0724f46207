using System.Text.Json.Serialization.Metadata;

namespace Translator.Api.Upstreams.Responses;

/// <summary>Type information for the requests sent upstream (<see cref="UpstreamJson"/>).</summary>
internal static class OpenAIResponsesJson
{
    public static JsonTypeInfo<ResponsesRequest> ResponsesRequest { get; } = UpstreamJson.Relaxed(OpenAIResponsesJsonContext.Default).Info<ResponsesRequest>();
}
