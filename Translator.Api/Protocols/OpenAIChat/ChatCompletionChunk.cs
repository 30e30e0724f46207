namespace Translator.Api.Protocols.OpenAIChat;

/// <summary>
/// One <c>chat.completion.chunk</c> of a stream. The last chunk may have no choices and carry only
/// <c>usage</c>; some servers (OpenRouter) report a failure mid-stream in <c>error</c>.
/// </summary>
internal sealed record ChatCompletionChunk
{
    public string? Model { get; init; }
    public IReadOnlyList<ChatChunkChoice>? Choices { get; init; }
    public ChatUsage? Usage { get; init; }
    public ChatStreamError? Error { get; init; }
}
