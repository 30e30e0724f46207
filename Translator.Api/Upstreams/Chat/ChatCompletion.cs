namespace Translator.Api.Upstreams.Chat;

/// <summary>A non-streamed <c>chat.completion</c>.</summary>
internal sealed record ChatCompletion
{
    public string? Id { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<ChatChoice>? Choices { get; init; }
    public ChatUsage? Usage { get; init; }
}
