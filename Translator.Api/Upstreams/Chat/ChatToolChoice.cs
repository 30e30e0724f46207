using System.Text.Json.Serialization;

namespace Translator.Api.Upstreams.Chat;

/// <summary><c>tool_choice</c>: the string <c>auto</c>/<c>required</c>/<c>none</c>, or one named function.</summary>
[JsonConverter(typeof(ChatToolChoiceConverter))]
internal sealed record ChatToolChoice
{
    private ChatToolChoice(string? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    public static ChatToolChoice Auto { get; } = new("auto", null);
    public static ChatToolChoice Required { get; } = new("required", null);
    public static ChatToolChoice None { get; } = new("none", null);

    public static ChatToolChoice Function(string name) => new(null, name);

    public string? Mode { get; }
    public string? FunctionName { get; }
}
