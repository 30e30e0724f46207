namespace Translator.Api.Upstreams.Responses;

/// <summary>An error of a failed response, or of an <c>error</c> stream event.</summary>
internal sealed record ResponsesError
{
    public string? Code { get; init; }
    public string? Message { get; init; }
    public string? Type { get; init; }
}
