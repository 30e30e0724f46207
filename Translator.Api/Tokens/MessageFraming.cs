namespace Translator.Api.Tokens;

/// <summary>
/// The OpenAI Cookbook's framing ("How to count tokens with tiktoken"): what each message and
/// tool call adds around its text, and what priming the reply costs.
/// </summary>
internal static class MessageFraming
{
    public const int PerMessage = 3;
    public const int ReplyPriming = 3;
    public const int PerToolCall = 3;
}
