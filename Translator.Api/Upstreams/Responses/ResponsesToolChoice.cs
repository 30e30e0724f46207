using System.Text.Json.Serialization;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Responses;

/// <summary><c>tool_choice</c>: <c>auto</c>, <c>required</c>, <c>none</c>, or <c>{"type":"function","name"}</c>.</summary>
[JsonConverter(typeof(StringOrObjectsConverter<ResponsesToolChoice, ResponsesNamedToolChoice>))]
internal sealed record ResponsesToolChoice : IStringOrObjects<ResponsesToolChoice, ResponsesNamedToolChoice>
{
    private ResponsesToolChoice(string? mode, ResponsesNamedToolChoice? named)
    {
        Text = mode;
        Objects = named is null ? null : [named];
    }

    public static ResponsesToolChoice Auto { get; } = new("auto", null);
    public static ResponsesToolChoice Required { get; } = new("required", null);
    public static ResponsesToolChoice None { get; } = new("none", null);

    public static string ExpectedShape => "Expected tool_choice to be a string or {\"type\":\"function\",\"name\"}.";

    public static bool TakesArray => false;

    public static bool TakesSingleObject => true;

    /// <summary>The mode, unless a function is named.</summary>
    public string? Text { get; }

    public IReadOnlyList<ResponsesNamedToolChoice>? Objects { get; }

    public bool IsSingleObject => true;

    public static ResponsesToolChoice Function(string name) => new(null, new ResponsesNamedToolChoice(name));

    public static ResponsesToolChoice FromText(string text) => new(text, null);

    public static ResponsesToolChoice FromObjects(IReadOnlyList<ResponsesNamedToolChoice> objects, bool isSingleObject) => new(null, objects[0]);
}
