namespace Translator.Api.Protocols.OpenAIResponses;

internal sealed record ResponsesUsage
{
    public long InputTokens { get; init; }
    public ResponsesInputTokensDetails? InputTokensDetails { get; init; }
    public long OutputTokens { get; init; }
}
