using System.Text.Json.Serialization;
using Translator.Api.Anthropic;

namespace Translator.Api.Upstreams.Chat;

/// <summary><c>tool_choice</c>: the string <c>auto</c>/<c>required</c>/<c>none</c>, or one named function.</summary>
[JsonConverter(typeof(StringOrObjectsConverter<ChatToolChoice, ChatNamedToolChoice>))]
internal sealed record ChatToolChoice : IStringOrObjects<ChatToolChoice, ChatNamedToolChoice>
{
    private ChatToolChoice(string? mode, ChatNamedToolChoice? named)
    {
        Text = mode;
        Objects = named is null ? null : [named];
    }

    public static ChatToolChoice Auto { get; } = new("auto", null);
    public static ChatToolChoice Required { get; } = new("required", null);
    public static ChatToolChoice None { get; } = new("none", null);

    public static string ExpectedShape => "Expected tool_choice to be a string or {\"type\":\"function\",\"function\":{\"name\"}}.";

    public static bool TakesArray => false;

    public static bool TakesSingleObject => true;

    /// <summary>The mode, unless a function is named.</summary>
    public string? Text { get; }

    public IReadOnlyList<ChatNamedToolChoice>? Objects { get; }

    public bool IsSingleObject => true;

    public static ChatToolChoice Function(string name) => new(null, new ChatNamedToolChoice(new ChatFunctionName(name)));

    public static ChatToolChoice FromText(string text) => new(text, null);

    public static ChatToolChoice FromObjects(IReadOnlyList<ChatNamedToolChoice> objects, bool isSingleObject) => new(null, objects[0]);
}
