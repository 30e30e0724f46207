using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;

namespace Translator.Api.Upstreams.Chat;

/// <summary>The Chat Completions protocol (<c>/chat/completions</c>).</summary>
internal sealed class ChatProtocol : IUpstreamProtocol
{
    public string Name => UpstreamOptions.ChatProtocolName;

    public string Path => "/chat/completions";

    public UpstreamRequest TranslateRequest(MessagesRequest request, UpstreamTarget target, bool captureInput)
    {
        var chatRequest = ChatRequestTranslator.Translate(request, target);
        return new UpstreamRequest(
            JsonSerializer.SerializeToUtf8Bytes(chatRequest, OpenAIChatJson.ChatCompletionRequest),
            captureInput ? JsonSerializer.Serialize(chatRequest.Messages, OpenAIChatJson.Messages) : null);
    }

    public CompletedAnswer TranslateAnswer(ReadOnlySpan<byte> body, string requestedModel, ClientProfile profile)
    {
        var completion = JsonSerializer.Deserialize(body, OpenAIChatJsonContext.Default.ChatCompletion);
        if (completion is null)
        {
            return new CompletedAnswer(null, null, null, ApiError.BadGateway("The upstream answered with a body that is not a chat completion."));
        }

        var message = ChatResponseTranslator.Translate(completion, requestedModel, profile, out var error);
        return new CompletedAnswer(message, completion.Model, completion.Choices is [var choice, ..] ? choice.FinishReason : null, error);
    }

    public StreamTranslator CreateStreamTranslator(AnthropicEventWriter events, string requestedModel, Usage inputEstimate, StreamTranslatorSettings options) =>
        new ChatStreamTranslator(events, Ids.NewMessageId(), requestedModel, inputEstimate, options);
}
