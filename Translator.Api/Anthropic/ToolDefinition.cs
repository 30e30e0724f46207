using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>A client tool (<c>name</c>, <c>description</c>, <c>input_schema</c>), or a server tool when <c>type</c> is set.</summary>
internal sealed record ToolDefinition
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? InputSchema { get; init; }

    /// <summary>The model's calls must validate against <see cref="InputSchema"/> (strict tool use).</summary>
    public bool? Strict { get; init; }

    /// <summary>Left out of the model's tools until a <c>tool_reference</c> in the conversation names it (tool search).</summary>
    public bool? DeferLoading { get; init; }

    /// <summary>web_search: how many searches one answer may run.</summary>
    public long? MaxUses { get; init; }

    /// <summary>web_search: search only these domains.</summary>
    public IReadOnlyList<string>? AllowedDomains { get; init; }

    /// <summary>web_search: never search these domains.</summary>
    public IReadOnlyList<string>? BlockedDomains { get; init; }

    /// <summary>web_search: where the user is, roughly, for local results.</summary>
    public UserLocation? UserLocation { get; init; }
}
