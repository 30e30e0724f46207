namespace Translator.Api.Anthropic;

/// <summary>The answer of <c>POST /v1/messages/count_tokens</c>.</summary>
internal sealed record CountTokensResponse(long InputTokens);
