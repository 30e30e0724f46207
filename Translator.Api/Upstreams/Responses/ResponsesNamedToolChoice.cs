using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Responses;

/// <summary>A <c>tool_choice</c> that names the function: <c>{"type":"function","name"}</c>.</summary>
internal sealed record ResponsesNamedToolChoice(string Name)
{
    [JsonPropertyOrder(-1)]
    public string Type => "function";
}
