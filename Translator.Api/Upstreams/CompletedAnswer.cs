using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>A translated complete answer, or why there is none.</summary>
internal sealed record CompletedAnswer(MessagesResponse? Message, string? ResponseModel, string? FinishReason, ApiError? Error)
{
    /// <summary>The error came before any content of the answer (an assembled stream that failed at once): another target may answer instead.</summary>
    public bool ErrorBeforeContent { get; init; }
}
