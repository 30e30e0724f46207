namespace Translator.Api.Upstreams;

/// <summary>
/// Carries a Responses reasoning item through the client as the signature of its thinking block:
/// <c>ccx1.{item id}.{encrypted content}</c>. When the client sends the block back on the next
/// turn, the item goes back upstream and the model keeps its reasoning across tool calls. A
/// signature that is not of this form (Anthropic's own, or empty) is not ours to decode.
/// </summary>
internal static class ReasoningSignature
{
    private const string Prefix = "ccx1.";

    public static string Encode(string itemId, string encryptedContent) => $"{Prefix}{itemId}.{encryptedContent}";

    public static bool TryDecode(string? signature, out string itemId, out string encryptedContent)
    {
        itemId = encryptedContent = string.Empty;
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var separator = signature.IndexOf('.', Prefix.Length);
        if (separator <= Prefix.Length || separator == signature.Length - 1)
        {
            return false;
        }

        itemId = signature[Prefix.Length..separator];
        encryptedContent = signature[(separator + 1)..];
        return true;
    }
}
