using System.Text;
using System.Text.Json;
using Translator.Api.Errors;
using Translator.Api.Protocols.Anthropic;
using Translator.Api.Protocols.OpenAIChat;
using Translator.Api.Streaming;
using Translator.Api.Translation;
using Translator.Api.Translation.AnthropicToOpenAIChat;

namespace Translator.Api.Forwarding;

/// <summary>A call in the Chat Completions protocol.</summary>
internal sealed class ChatExchange(ChatCompletionRequest request) : IUpstreamExchange
{
    public string Path => "/chat/completions";

    public string Protocol => "chat";

    public byte[] SerializeRequest() => JsonSerializer.SerializeToUtf8Bytes(request, OpenAIChatJson.ChatCompletionRequest);

    public string SerializeInput() => JsonSerializer.Serialize(request.Messages, OpenAIChatJson.Messages);

    public IResult CreateStreamResult(HttpResponseMessage response, StreamSettings settings) =>
        new AnthropicStreamResult<ChatCompletionChunk>(
            response,
            settings.UpstreamModel,
            settings.Profile,
            settings.Operation,
            new ChatChunkParser().Parse,
            events => new ChatStreamTranslator(events, Ids.NewMessageId(), settings.RequestedModel, settings.InputEstimate)
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
        var completion = JsonSerializer.Deserialize(body, OpenAIChatJsonContext.Default.ChatCompletion);
        if (completion is null)
        {
            return new CompletedAnswer(null, null, null, ApiError.BadGateway("The upstream answered with a body that is not a chat completion."));
        }

        var message = ChatResponseTranslator.Translate(completion, requestedModel, profile, out var error);
        return new CompletedAnswer(message, completion.Model, completion.Choices is [var choice, ..] ? choice.FinishReason : null, error);
    }
}
