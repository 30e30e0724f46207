namespace Translator.Api.Anthropic;

/// <summary><c>output_config</c>: the effort Claude Code asks for alongside adaptive thinking, and a structured output's format.</summary>
internal sealed record OutputConfig
{
    public string? Effort { get; init; }
    public OutputFormat? Format { get; init; }
}
