using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Responses;

/// <summary><c>tool_choice</c>: <c>auto</c>, <c>required</c>, <c>none</c>, or <c>{"type":"function","name"}</c>.</summary>
[JsonConverter(typeof(ResponsesToolChoiceConverter))]
internal sealed record ResponsesToolChoice(string? Mode, string? FunctionName)
{
    public static ResponsesToolChoice Auto { get; } = new("auto", null);
    public static ResponsesToolChoice Required { get; } = new("required", null);
    public static ResponsesToolChoice None { get; } = new("none", null);

    public static ResponsesToolChoice Function(string name) => new(null, name);
}
