using System.Text.Json;

namespace Translator.Api.Upstreams.Responses;

/// <summary>A function tool, flat as the Responses API takes it.</summary>
internal sealed record ResponsesTool(string Name, string? Description, JsonElement? Parameters)
{
    public string Type => "function";

    /// <summary>Anthropic schemas are not written for OpenAI's strict mode (optional properties, extra keywords).</summary>
    public bool Strict => false;
}
