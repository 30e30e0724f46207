namespace Translator.Api.Anthropic;

/// <summary>One entry of <c>GET /v1/models</c>.</summary>
/// <param name="MaxInputTokens">The context window of the upstream model that answers it.</param>
/// <param name="MaxTokens">The most output tokens it writes; a larger <c>max_tokens</c> is lowered to this.</param>
internal sealed record ModelInfo(string Id, string DisplayName, DateTimeOffset CreatedAt, string? Line, long MaxInputTokens, long MaxTokens, ModelCapabilities Capabilities)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type => "model";

    /// <summary>Every model the translator lists can be called.</summary>
    public string Lifecycle => "active";
}
