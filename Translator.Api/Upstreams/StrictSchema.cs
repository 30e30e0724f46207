using System.Text.Json;

namespace Translator.Api.Upstreams;

/// <summary>
/// A client's JSON schema (a strict tool's input, a structured output) as OpenAI's strict mode
/// takes it (<see cref="StrictSchemaTransform"/>), or as the client wrote it, not strict, when no
/// faithful transformation exists.
/// </summary>
/// <param name="Strict">The schema can be sent with <c>strict: true</c>.</param>
/// <param name="AddsNulls">Optional properties became required and nullable: the answer's nulls for them must go (<see cref="Anthropic.OptionalNulls"/>).</param>
internal sealed record StrictSchema(JsonElement Schema, bool Strict, bool AddsNulls)
{
    public static StrictSchema From(JsonElement clientSchema) => StrictSchemaTransform.Apply(clientSchema);
}
