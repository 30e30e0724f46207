namespace Translator.Api.Anthropic;

/// <summary>One entry of <c>GET /v1/models</c>.</summary>
internal sealed record ModelInfo(string Id, string DisplayName, DateTimeOffset CreatedAt, string? Line)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type => "model";

    /// <summary>Every model the translator lists can be called.</summary>
    public string Lifecycle => "active";
}
