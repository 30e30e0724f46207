using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams;

/// <summary>A translated complete answer, or why there is none.</summary>
internal sealed record CompletedAnswer(MessagesResponse? Message, string? ResponseModel, string? FinishReason, ApiError? Error);
