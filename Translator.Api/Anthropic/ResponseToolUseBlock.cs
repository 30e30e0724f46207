using System.Text.Json;

namespace Translator.Api.Anthropic;

/// <summary>A tool call. <c>caller</c> is always <c>direct</c>: the model itself called the tool, as the API says today.</summary>
internal sealed record ResponseToolUseBlock(string Id, string Name, JsonElement Input) : ResponseContentBlock
{
    public ToolCaller Caller => ToolCaller.Direct;

    /// <summary>Not part of Anthropic's tool_use; set (empty) only for Amp, whose UI needs it.</summary>
    public string? Signature { get; init; }
}
