namespace Translator.Api.Anthropic;

/// <summary>The Anthropic error envelope: <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
internal sealed record ErrorResponse(ErrorDetail Error, string? RequestId)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type => "error";
}
