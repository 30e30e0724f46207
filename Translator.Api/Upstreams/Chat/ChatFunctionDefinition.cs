using System.Text.Json;

namespace Translator.Api.Upstreams.Chat;

internal sealed record ChatFunctionDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }

    /// <summary>Calls must validate against <see cref="Parameters"/>; left out for a tool that is not strict.</summary>
    public bool? Strict { get; init; }
}
