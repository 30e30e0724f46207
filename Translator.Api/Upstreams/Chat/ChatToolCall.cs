namespace Translator.Api.Upstreams.Chat;

/// <summary>A function call made by the assistant (in requests and in non-streamed responses).</summary>
internal sealed record ChatToolCall
{
    public string? Id { get; init; }
    public string Type { get; init; } = "function";
    public ChatFunctionCall? Function { get; init; }
}
