using System.Text.Json;

namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatFunctionDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }
}
