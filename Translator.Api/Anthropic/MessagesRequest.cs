namespace Translator.Api.Anthropic;

/// <summary>The body of <c>POST /v1/messages</c> (and of <c>count_tokens</c>, without max_tokens).</summary>
/// <remarks>
/// Only the fields the translation reads are declared; everything else an Anthropic client sends
/// (<c>cache_control</c>, <c>context_management</c>, <c>defer_loading</c>, ...) is tolerated and ignored.
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
}
