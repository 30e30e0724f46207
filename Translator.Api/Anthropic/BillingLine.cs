namespace Translator.Api.Anthropic;

/// <summary>
/// Claude Code's first system block, <c>x-anthropic-billing-header: cc_version=…; cc_entrypoint=…;</c>
/// (older versions add a <c>cch=</c> that changes on every request): attribution that Anthropic's
/// servers strip before the model reads the prompt. To any other upstream it is prompt text, the
/// first of the prompt, which would tie the prompt cache to a client version (or break it on every
/// request), so it is taken out of the system prompt before anything is translated or counted.
/// </summary>
internal static class BillingLine
{
    private const string Prefix = "x-anthropic-billing-header:";

    /// <summary>The system prompt as the model is to read it: without the billing line.</summary>
    public static MessageContent? Strip(MessageContent? system) => system switch
    {
        { Blocks: { } blocks } when blocks.Any(IsBillingLine) => new MessageContent([.. blocks.Where(b => !IsBillingLine(b))]),
        { Text: { } text } when text.StartsWith(Prefix, StringComparison.Ordinal) => new MessageContent(text.IndexOf('\n') is > 0 and var end ? text[(end + 1)..] : string.Empty),
        _ => system,
    };

    private static bool IsBillingLine(ContentBlock block) => block is { Type: "text", Text: { } text } && text.StartsWith(Prefix, StringComparison.Ordinal);
}
