using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>
/// A structured output: <c>output_config.format</c> (the GA form) or the older top-level
/// <c>output_format</c> (beta <c>structured-outputs-2025-11-13</c>). The answer is one text block of
/// JSON that validates against <see cref="Schema"/>.
/// </summary>
internal sealed record OutputFormat
{
    public string? Type { get; init; }
    public JsonElement? Schema { get; init; }

    /// <summary>The format a request asks for: output_config.format where given, else output_format.</summary>
    public static OutputFormat? Of(MessagesRequest request) => request.OutputConfig?.Format ?? request.OutputFormat;
}
