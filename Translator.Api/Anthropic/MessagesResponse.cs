using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>A complete (non-streaming) Anthropic message.</summary>
internal sealed record MessagesResponse
{
    public required string Id { get; init; }
    public string Type => "message";
    public string Role => "assistant";
    public required string Model { get; init; }
    public required IReadOnlyList<ResponseContentBlock> Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopSequence { get; init; }

    public required Usage Usage { get; init; }

    /// <summary>The context edits applied (<c>applied_edits</c>), when the request asked for any.</summary>
    public ContextManagementResponse? ContextManagement { get; init; }
}
