using System.Text.Json;

namespace Translator.Api.Upstreams.Chat;

/// <summary><c>response_format.json_schema</c>: the schema the answer must validate against.</summary>
internal sealed record ChatJsonSchema(string Name, JsonElement Schema, bool Strict);
