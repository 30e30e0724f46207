namespace Translator.Api.Anthropic;

/// <summary>Who called a tool: <c>{"type":"direct"}</c>, the model.</summary>
internal sealed record ToolCaller(string Type)
{
    public static ToolCaller Direct { get; } = new("direct");
}
