using System.Text;
using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;

namespace Translator.Api.Upstreams.Responses;

/// <summary>The Responses protocol (<c>/responses</c>), the Codex models' own.</summary>
internal sealed class ResponsesProtocol : IUpstreamProtocol
{
    public string Name => UpstreamOptions.ResponsesProtocolName;

    public string Path => "/responses";

    public UpstreamRequest TranslateRequest(MessagesRequest request, UpstreamTarget target, bool captureInput)
    {
        var responsesRequest = ResponsesRequestTranslator.Translate(request, target);
        var body = JsonSerializer.SerializeToUtf8Bytes(responsesRequest, OpenAIResponsesJson.ResponsesRequest);
        return new UpstreamRequest(body, captureInput ? Encoding.UTF8.GetString(body) : null);
    }

    public CompletedAnswer TranslateAnswer(ReadOnlySpan<byte> body, string requestedModel, ClientProfile profile)
    {
        var response = JsonSerializer.Deserialize(body, OpenAIResponsesJsonContext.Default.ResponsesResponse);
        if (response is null || (response.Status is null && response.Output is null))
        {
            return new CompletedAnswer(null, null, null, ApiError.BadGateway("The upstream answered with a body that is not a response."));
        }

        var message = ResponsesResponseTranslator.Translate(response, requestedModel, profile, out var error);
        return new CompletedAnswer(message, response.Model, response.IncompleteDetails?.Reason ?? response.Status, error);
    }

    public StreamTranslator CreateStreamTranslator(AnthropicEventWriter events, string requestedModel, Usage inputEstimate, StreamTranslatorSettings options) =>
        new ResponsesStreamTranslator(events, Ids.NewMessageId(), requestedModel, inputEstimate, options);
}
