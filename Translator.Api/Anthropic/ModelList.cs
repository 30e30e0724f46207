using System.Text.Json.Serialization;

namespace Translator.Api.Anthropic;

/// <summary>A page of <c>GET /v1/models</c>.</summary>
internal sealed record ModelList(IReadOnlyList<ModelInfo> Data, bool HasMore)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FirstId => Data.Count > 0 ? Data[0].Id : null;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LastId => Data.Count > 0 ? Data[^1].Id : null;
}
