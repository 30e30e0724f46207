using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// A client tool (<c>name</c>, <c>description</c>, <c>input_schema</c>), or, when <c>type</c> is set, a
/// server tool or one of Anthropic's client tools (<see cref="ClientToolFunctions"/>).
/// </summary>
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

    /// <summary>text_editor_20250728: how much of a file a view shows.</summary>
    public long? MaxCharacters { get; init; }

    /// <summary>computer: the screen's width in pixels.</summary>
    public long? DisplayWidthPx { get; init; }

    /// <summary>computer: the screen's height in pixels.</summary>
    public long? DisplayHeightPx { get; init; }

    /// <summary>computer: the X11 display number.</summary>
    public long? DisplayNumber { get; init; }

    /// <summary>computer_20251124: whether the zoom action is offered.</summary>
    public bool? EnableZoom { get; init; }
}
