namespace Translator.Api.Upstreams.Responses;

/// <summary>The body of <c>POST /responses</c> as this translator sends it.</summary>
internal sealed record ResponsesRequest
{
    public required string Model { get; init; }

    /// <summary>The system prompt; always present, possibly empty (the Codex backend requires it).</summary>
    public required string Instructions { get; init; }

    public required IReadOnlyList<ResponsesInputItem> Input { get; init; }
    public IReadOnlyList<ResponsesTool>? Tools { get; init; }
    public ResponsesToolChoice? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public long? MaxOutputTokens { get; init; }

    /// <summary>The most hosted tool calls (web searches) one answer may make: web_search's <c>max_uses</c>.</summary>
    public long? MaxToolCalls { get; init; }
    public ResponsesReasoning? Reasoning { get; init; }

    /// <summary>A structured output: <c>{format: {type: json_schema, name, schema, strict}}</c>.</summary>
    public ResponsesText? Text { get; init; }

    public double? Temperature { get; init; }
    public double? TopP { get; init; }

    /// <summary>Always false: the conversation lives in the client, which resends it every turn.</summary>
    public bool Store { get; init; }

    /// <summary>One key per conversation, so every turn lands on the same prompt cache.</summary>
    public string? PromptCacheKey { get; init; }

    /// <summary><c>in_memory</c> or <c>24h</c>, when configured (<c>Translator:Caching:Retention</c>).</summary>
    public string? PromptCacheRetention { get; init; }

    /// <summary>GPT-5.6 and later, when configured (<c>Translator:Caching:Breakpoints</c>).</summary>
    public PromptCacheOptions? PromptCacheOptions { get; init; }

    public IReadOnlyList<string>? Include { get; init; }
    public bool? Stream { get; init; }
}
