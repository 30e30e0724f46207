using Translator.Api.Errors;
using Translator.Api.Protocols.Anthropic;

namespace Translator.Api.Forwarding;

/// <summary>
/// A request translated for one upstream protocol: where it goes, its bytes, and how that
/// protocol's answer becomes an Anthropic message or stream.
/// </summary>
internal interface IUpstreamExchange
{
    /// <summary>Appended to the upstream base URL: <c>/chat/completions</c> or <c>/responses</c>.</summary>
    string Path { get; }

    /// <summary>The protocol's name, for telemetry.</summary>
    string Protocol { get; }

    byte[] SerializeRequest();

    /// <summary>The prompt as sent, for content capture.</summary>
    string SerializeInput();

    IResult CreateStreamResult(HttpResponseMessage response, StreamSettings settings);

    /// <summary>Parses a complete (non-streamed) answer and translates it.</summary>
    CompletedAnswer Translate(ReadOnlySpan<byte> body, string requestedModel, ClientProfile profile);
}

/// <summary>What a stream result needs beyond the upstream response.</summary>
internal sealed record StreamSettings(
    string RequestedModel,
    string UpstreamModel,
    Usage InputEstimate,
    ClientProfile Profile,
    Diagnostics.ChatOperation Operation,
    TimeSpan PingInterval,
    int MaxSseLineBytes,
    Errors.SecretRedactor Redactor,
    TimeProvider TimeProvider,
    ILogger Logger);

/// <summary>A translated complete answer, or why there is none.</summary>
internal sealed record CompletedAnswer(MessagesResponse? Message, string? ResponseModel, string? FinishReason, ApiError? Error);
