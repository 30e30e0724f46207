using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Api.Upstreams;

/// <summary>
/// What every <see cref="IUpstreamProtocol"/> does around its own translators: serialize the
/// translated request, parse a complete answer and refuse one that is not the protocol's.
/// </summary>
/// <typeparam name="TRequest">The protocol's request.</typeparam>
/// <typeparam name="TAnswer">The protocol's complete answer.</typeparam>
/// <param name="answerName">What the answer is, for the error about a body that is not one.</param>
internal abstract class UpstreamProtocol<TRequest, TAnswer>(string name, string path, string answerName, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TAnswer> answerInfo)
    : IUpstreamProtocol
    where TAnswer : class
{
    public string Name => name;

    public string Path => path;

    public abstract MessageLayout Layout { get; }

    public UpstreamRequest TranslateRequest(MessagesRequest request, UpstreamTarget target, bool captureInput)
    {
        var translated = Translate(request, target);
        var body = JsonSerializer.SerializeToUtf8Bytes(translated, requestInfo);
        return new UpstreamRequest(body, captureInput ? CaptureInput(translated, body) : null);
    }

    public CompletedAnswer TranslateAnswer(ReadOnlySpan<byte> body, string requestedModel, ClientProfile profile, SecretRedactor redactor)
    {
        var translated = JsonSerializer.Deserialize(body, answerInfo) is { } answer && IsAnswer(answer)
            ? Translate(answer, requestedModel, profile)
            : new CompletedAnswer(null, null, null, ApiError.BadGateway($"The upstream answered with a body that is not {answerName}."));

        // A failed answer's message is the upstream's, which may quote our key.
        return translated.Error is { } error ? translated with { Error = redactor.Redact(error) } : translated;
    }

    public abstract StreamTranslator CreateStreamTranslator(AnthropicEventWriter events, string requestedModel, Usage inputEstimate, StreamTranslatorSettings options);

    protected abstract TRequest Translate(MessagesRequest request, UpstreamTarget target);

    /// <summary>The prompt as telemetry's content capture records it.</summary>
    protected abstract string CaptureInput(TRequest request, byte[] body);

    /// <summary>Whether a body that parsed is an answer of the protocol at all.</summary>
    protected virtual bool IsAnswer(TAnswer answer) => true;

    protected abstract CompletedAnswer Translate(TAnswer answer, string requestedModel, ClientProfile profile);
}
