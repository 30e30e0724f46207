namespace Translator.Api.Upstreams.Chat;

/// <summary>
/// A fragment of a streamed tool call: <c>index</c> always; <c>id</c> and <c>function.name</c> once;
/// <c>function.arguments</c> in pieces, read with <see cref="ChatCompletionChunk.ArgumentsOf"/>.
/// </summary>
internal readonly record struct ChatToolCallDelta(int Index, string? Id, string? Name, Range Arguments);
