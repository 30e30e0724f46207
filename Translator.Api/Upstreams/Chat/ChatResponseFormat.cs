namespace Translator.Api.Upstreams.Chat;

/// <summary><c>response_format</c>, as the translator sends it: always a JSON schema.</summary>
internal sealed record ChatResponseFormat(ChatJsonSchema JsonSchema)
{
    public string Type => "json_schema";
}
