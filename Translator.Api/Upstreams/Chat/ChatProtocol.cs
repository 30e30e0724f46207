using System.Text.Json;
using Translator.Api.Anthropic;
using Translator.Api.Configuration;

namespace Translator.Api.Upstreams.Chat;

/// <summary>The Chat Completions protocol (<c>/chat/completions</c>).</summary>
internal sealed class ChatProtocol() : UpstreamProtocol<ChatCompletionRequest, ChatCompletion>(
    UpstreamOptions.ChatProtocolName, "/chat/completions", "a chat completion", OpenAIChatJson.ChatCompletionRequest, OpenAIChatJsonContext.Default.ChatCompletion)
{
    public override MessageLayout Layout => MessageLayout.Chat;

    public override StreamTranslator CreateStreamTranslator(AnthropicEventWriter events, string requestedModel, Usage inputEstimate, StreamTranslatorSettings options) =>
        new ChatStreamTranslator(events, Ids.NewMessageId(), requestedModel, inputEstimate, options);

    protected override ChatCompletionRequest Translate(MessagesRequest request, UpstreamTarget target) => ChatRequestTranslator.Translate(request, target);

    /// <summary>The messages alone, as the GenAI conventions' input messages.</summary>
    protected override string CaptureInput(ChatCompletionRequest request, byte[] body) => JsonSerializer.Serialize(request.Messages, OpenAIChatJson.Messages);

    protected override CompletedAnswer Translate(ChatCompletion answer, string requestedModel, ClientProfile profile)
    {
        var message = ChatResponseTranslator.Translate(answer, requestedModel, profile, out var error);
        return new CompletedAnswer(message, answer.Model, answer.Choices is [var choice, ..] ? choice.FinishReason : null, error);
    }
}
