namespace Translator.Api.Protocols.OpenAIChat;

/// <summary>
/// A fragment of a streamed tool call: <c>index</c> always; <c>id</c> and <c>function.name</c> once;
/// <c>function.arguments</c> in pieces.
/// </summary>
internal sealed record ChatToolCallDelta
{
    public int Index { get; init; }
    public string? Id { get; init; }
    public ChatFunctionCall? Function { get; init; }
}
