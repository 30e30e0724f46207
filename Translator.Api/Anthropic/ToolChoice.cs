namespace Translator.Api.Anthropic;

/// <summary><c>tool_choice</c>: auto, any, tool (with name) or none.</summary>
internal sealed record ToolChoice
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public bool? DisableParallelToolUse { get; init; }
}
