namespace Translator.Api.Upstreams.Responses;

internal sealed record ResponsesUserLocation(string Type, string? City, string? Region, string? Country, string? Timezone);
