namespace Translator.Api.Anthropic;

/// <summary>One entry of <c>messages</c>: user, assistant, or (as Claude Code sends) system.</summary>
internal sealed record InputMessage
{
    public string? Role { get; init; }
    public MessageContent? Content { get; init; }
}
