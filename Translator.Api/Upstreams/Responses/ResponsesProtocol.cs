using System.Text;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;

namespace Translator.Api.Upstreams.Responses;

/// <summary>The Responses protocol (<c>/responses</c>), the Codex models' own.</summary>
internal sealed class ResponsesProtocol() : UpstreamProtocol<ResponsesRequest, ResponsesResponse>(
    UpstreamOptions.ResponsesProtocolName, "/responses", "a response", OpenAIResponsesJson.ResponsesRequest, OpenAIResponsesJsonContext.Default.ResponsesResponse)
{
    public override MessageLayout Layout => MessageLayout.Responses;

    protected override ResponsesRequest Translate(MessagesRequest request, UpstreamTarget target) => ResponsesRequestTranslator.Translate(request, target);

    /// <summary>The whole request: its instructions and input items are the prompt.</summary>
    protected override string CaptureInput(ResponsesRequest request, byte[] body) => Encoding.UTF8.GetString(body);

    protected override bool IsAnswer(ResponsesResponse answer) => answer.Status is not null || answer.Output is not null;

    protected override CompletedAnswer Translate(ResponsesResponse answer, string requestedModel, ClientProfile profile)
    {
        var message = ResponsesResponseTranslator.Translate(answer, requestedModel, profile, out var error);
        return new CompletedAnswer(message, answer.Model, answer.IncompleteDetails?.Reason ?? answer.Status, error);
    }

    public override StreamTranslator CreateStreamTranslator(AnthropicEventWriter events, string requestedModel, Usage inputEstimate, StreamTranslatorSettings options) =>
        new ResponsesStreamTranslator(events, Ids.NewMessageId(), requestedModel, inputEstimate, options);
}
