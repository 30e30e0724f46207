namespace Translator.Api.Anthropic;

/// <summary>The answer of <c>POST /v1/messages/count_tokens</c>.</summary>
/// <param name="ContextManagement">With context edits: the count before them (<c>original_input_tokens</c>).</param>
internal sealed record CountTokensResponse(long InputTokens, ContextManagementResponse? ContextManagement = null);
