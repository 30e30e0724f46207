using Translator.Api.Anthropic;
using Translator.Api.Errors;

namespace Translator.Api.Upstreams;

/// <summary>
/// One OpenAI protocol the translator can speak upstream: where its calls go and how an Anthropic
/// request, answer and stream cross it. The model map chooses one per upstream model; every
/// implementation is pure (no I/O) and lives in its own folder.
/// </summary>
internal interface IUpstreamProtocol
{
    /// <summary>Its name in configuration (<c>Translator:Upstream:Protocol</c>) and telemetry.</summary>
    string Name { get; }

    /// <summary>Appended to the upstream base URL: <c>/chat/completions</c> or <c>/responses</c>.</summary>
    string Path { get; }

    /// <summary>How its requests lay out a conversation's turns (for the token count to follow).</summary>
    MessageLayout Layout { get; }

    /// <summary>The request as the upstream takes it.</summary>
    /// <param name="captureInput">Also render the prompt for telemetry's content capture.</param>
    UpstreamRequest TranslateRequest(MessagesRequest request, UpstreamTarget target, bool captureInput);

    /// <summary>Parses a complete (non-streamed) answer and translates it; its error, if any, through <paramref name="redactor"/>.</summary>
    CompletedAnswer TranslateAnswer(ReadOnlySpan<byte> body, string requestedModel, ClientProfile profile, SecretRedactor redactor);

    /// <summary>A translator for one stream of this protocol, writing to <paramref name="events"/>.</summary>
    StreamTranslator CreateStreamTranslator(AnthropicEventWriter events, string requestedModel, Usage inputEstimate, StreamTranslatorSettings options);
}
