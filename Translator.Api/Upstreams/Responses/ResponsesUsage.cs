namespace Translator.Api.Upstreams.Responses;

internal sealed record ResponsesUsage
{
    public long InputTokens { get; init; }
    public ResponsesInputTokensDetails? InputTokensDetails { get; init; }
    public long OutputTokens { get; init; }
}
