namespace Translator.Api.Upstreams.Responses;

internal sealed record ResponsesWebSearchFilters(IReadOnlyList<string>? AllowedDomains, IReadOnlyList<string>? BlockedDomains);
