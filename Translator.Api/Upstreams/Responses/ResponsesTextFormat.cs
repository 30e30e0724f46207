using System.Text.Json;

namespace Translator.Api.Upstreams.Responses;

/// <summary><c>text.format</c>, as the translator sends it: always a JSON schema (flat, not nested as in Chat).</summary>
internal sealed record ResponsesTextFormat(string Name, JsonElement Schema, bool Strict)
{
    public string Type => "json_schema";
}
