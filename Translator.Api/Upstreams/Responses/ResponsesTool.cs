using System.Text.Json;

namespace Translator.Api.Upstreams.Responses;

/// <summary>A tool of a Responses request: a function (flat, not nested as in Chat), or the hosted <c>web_search</c>.</summary>
internal sealed record ResponsesTool
{
    public required string Type { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Parameters { get; init; }

    public bool? Strict { get; init; }

    /// <summary>web_search: the domains to search only, or never.</summary>
    public ResponsesWebSearchFilters? Filters { get; init; }

    /// <summary>web_search: where the user is, roughly.</summary>
    public ResponsesUserLocation? UserLocation { get; init; }

    /// <param name="strict">Sent either way: the Responses API makes a function strict unless told not to.</param>
    public static ResponsesTool Function(string name, string? description, JsonElement? parameters, bool strict = false) =>
        new() { Type = "function", Name = name, Description = description, Parameters = parameters, Strict = strict };
}
