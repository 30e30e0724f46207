namespace Translator.Api.Anthropic;

/// <summary>web_search's <c>user_location</c>: <c>{type:"approximate", city, region, country, timezone}</c>.</summary>
internal sealed record UserLocation(string? Type, string? City, string? Region, string? Country, string? Timezone);
