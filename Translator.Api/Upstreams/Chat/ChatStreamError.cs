using System.Text.Json;

namespace Translator.Api.Upstreams.Chat;

/// <summary>An error reported inside a stream; <c>code</c> is a number on some servers, a string on others.</summary>
internal sealed record ChatStreamError
{
    public string? Message { get; init; }
    public string? Type { get; init; }
    public JsonElement? Code { get; init; }
}
