namespace Translator.Api.Upstreams.Chat;

/// <summary>The body of <c>POST /chat/completions</c> as this translator sends it.</summary>
internal sealed record ChatCompletionRequest
{
    public required string Model { get; init; }
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>GPT-5 and other reasoning models reject <c>max_tokens</c>; this is the field they take.</summary>
    public long? MaxCompletionTokens { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public IReadOnlyList<ChatTool>? Tools { get; init; }
    public ChatToolChoice? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }

    /// <summary>A structured output: <c>{type: json_schema, json_schema: {name, schema, strict}}</c>.</summary>
    public ChatResponseFormat? ResponseFormat { get; init; }

    public string? ReasoningEffort { get; init; }
    public string? User { get; init; }

    /// <summary>One key per conversation, so every turn lands on the same prompt cache (<c>PromptCacheKey</c>).</summary>
    public string? PromptCacheKey { get; init; }

    /// <summary><c>in_memory</c> or <c>24h</c>, when configured (<c>Translator:Caching:Retention</c>).</summary>
    public string? PromptCacheRetention { get; init; }

    /// <summary>GPT-5.6 and later, when configured (<c>Translator:Caching:Breakpoints</c>).</summary>
    public PromptCacheOptions? PromptCacheOptions { get; init; }
    public bool? Stream { get; init; }
    public ChatStreamOptions? StreamOptions { get; init; }
}
