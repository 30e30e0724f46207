using System.Text.Json;
using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>The body of <c>POST /v1/messages</c> (and of <c>count_tokens</c>, without max_tokens).</summary>
/// <remarks>
/// Only the fields the translation reads are declared; the other top-level fields land in
/// <see cref="OtherFields"/>, where <see cref="RequestFieldsValidator"/> reads them by
/// <see cref="RequestFeatures"/> (refused, dropped, or unknown and logged).
/// Every field is nullable so that a missing one is reported by validation with its path,
/// not by the serializer.
/// </remarks>
internal sealed record MessagesRequest
{
    public string? Model { get; init; }
    public IReadOnlyList<InputMessage>? Messages { get; init; }
    public MessageContent? System { get; init; }
    public long? MaxTokens { get; init; }
    public IReadOnlyList<string>? StopSequences { get; init; }
    public bool? Stream { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public long? TopK { get; init; }
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }
    public ToolChoice? ToolChoice { get; init; }
    public ThinkingConfig? Thinking { get; init; }
    public OutputConfig? OutputConfig { get; init; }

    /// <summary>The beta form of <c>output_config.format</c>.</summary>
    public OutputFormat? OutputFormat { get; init; }

    public RequestMetadata? Metadata { get; init; }

    public ContextManagement? ContextManagement { get; init; }

    /// <summary>The top-level fields not declared above (<c>service_tier</c>, <c>mcp_servers</c>, ...); settable, as the serializer fills extension data only so.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; set; }
}
