namespace Translator.Api.Anthropic;

/// <summary>Ids in the shapes Anthropic uses: <c>msg_…</c>, <c>toolu_…</c>, <c>req_…</c>.</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 24;

    public static string NewMessageId() => New("msg_");

    public static string NewToolUseId() => New("toolu_");

    public static string NewRequestId() => New("req_");

    // Ids must be unique, not secret: 24 base-62 characters (143 bits) from the shared generator,
    // which, unlike the cryptographic one, needs no system call per id (two or three per request).
    private static string New(string prefix) =>
        string.Create(prefix.Length + RandomLength, prefix, static (span, prefix) =>
        {
            prefix.AsSpan().CopyTo(span);
            Random.Shared.GetItems(Alphabet, span[prefix.Length..]);
        });
}
