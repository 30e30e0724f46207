using System.Text;
using Translator.Api.Errors;
using Translator.Api.Protocols.Anthropic;

namespace Translator.Api.Streaming;

/// <summary>
/// Turns one upstream protocol's stream items into Anthropic events, written through an
/// <see cref="AnthropicEventWriter"/>. Pure: no I/O, no clock.
/// </summary>
internal interface IStreamTranslator<in TItem>
{
    /// <summary>The stream is over: <c>message_stop</c> or <c>error</c> was written.</summary>
    bool IsDone { get; }

    /// <summary>A content block has been started.</summary>
    bool HasContent { get; }

    /// <summary>The stop reason sent to the client, once the stream has ended well.</summary>
    string? StopReason { get; }

    /// <summary>Usage as reported to the client, once the stream has ended well.</summary>
    Usage? FinalUsage { get; }

    /// <summary>The upstream's own finish reason, once known.</summary>
    string? FinishReason { get; }

    /// <summary>The model the upstream says answered.</summary>
    string? UpstreamModel { get; }

    /// <summary>The error the stream ended with, if it failed.</summary>
    ApiError? Error { get; }

    /// <summary>When set, the answer's text and thinking are appended here (content capture).</summary>
    StringBuilder? CapturedText { get; }

    /// <summary><c>message_start</c> and the first <c>ping</c>.</summary>
    void Start();

    void OnChunk(TItem item);

    /// <summary>The upstream stream ended.</summary>
    void OnUpstreamEnd();

    /// <summary>Ends the stream with <c>event: error</c>.</summary>
    void Fail(ApiError error, string? requestId = null);
}
