using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Chat;

/// <summary>A <c>tool_choice</c> that names the function: <c>{"type":"function","function":{"name"}}</c>.</summary>
internal sealed record ChatNamedToolChoice(ChatFunctionName Function)
{
    [JsonPropertyOrder(-1)]
    public string Type => "function";
}
