namespace Translator.Api.Anthropic;

/// <summary>
/// Anthropic's answer to a prompt longer than the context window: 400 <c>invalid_request_error</c>,
/// <c>prompt is too long: N tokens &gt; M maximum</c>. Claude Code reads the two numbers from that
/// text to decide how much to compact, so both are always there and N is always above M.
/// </summary>
internal static class PromptTooLong
{
    public static ApiError Error(long tokens, long maximum) =>
        ApiError.InvalidRequest($"prompt is too long: {Math.Max(tokens, maximum + 1)} tokens > {maximum} maximum");
}
