using System.Text;
using System.Text.Json;
using Translator.Api.Errors;
using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIResponses;
using Translator.Api.Streaming;
using Translator.Api.Translation;
using Translator.Api.Translation.AnthropicToOpenAIResponses;

namespace Translator.Api.Forwarding;

/// <summary>A call in the Responses protocol.</summary>
internal sealed class ResponsesExchange(ResponsesRequest request) : IUpstreamExchange
{
    public string Path => "/responses";

    public string Protocol => "responses";

    public byte[] SerializeRequest() => JsonSerializer.SerializeToUtf8Bytes(request, OpenAIResponsesJson.ResponsesRequest);

    public string SerializeInput() => JsonSerializer.Serialize(request, OpenAIResponsesJson.ResponsesRequest);

    public IResult CreateStreamResult(HttpResponseMessage response, StreamSettings settings) =>
        new AnthropicStreamResult<ResponsesStreamItem>(
            response,
            settings.UpstreamModel,
            settings.Profile,
            settings.Operation,
            new ResponsesEventParser().Parse,
            events => new ResponsesStreamTranslator(events, Ids.NewMessageId(), settings.RequestedModel, settings.InputEstimate)
            {
                CapturedText = settings.Operation.CaptureContent ? new StringBuilder() : null,
                Redactor = settings.Redactor,
            },
            settings.PingInterval,
            settings.MaxSseLineBytes,
            settings.TimeProvider,
            settings.Logger);

    public CompletedAnswer Translate(ReadOnlySpan<byte> body, string requestedModel, ClientProfile profile)
    {
        var response = JsonSerializer.Deserialize(body, OpenAIResponsesJsonContext.Default.ResponsesResponse);
        if (response is null || (response.Status is null && response.Output is null))
        {
            return new CompletedAnswer(null, null, null, ApiError.BadGateway("The upstream answered with a body that is not a response."));
        }

        var message = ResponsesResponseTranslator.Translate(response, requestedModel, profile, out var error);
        return new CompletedAnswer(message, response.Model, response.IncompleteDetails?.Reason ?? response.Status, error);
    }
}
