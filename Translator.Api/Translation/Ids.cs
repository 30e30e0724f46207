using System.Security.Cryptography;

namespace Translator.Api.Translation;

/// <summary>Ids in the shapes Anthropic uses: <c>msg_…</c>, <c>toolu_…</c>, <c>req_…</c>.</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 24;

    public static string NewMessageId() => New("msg_");

    public static string NewToolUseId() => New("toolu_");

    public static string NewRequestId() => New("req_");

    private static string New(string prefix) =>
        string.Create(prefix.Length + RandomLength, prefix, static (span, prefix) =>
        {
            prefix.AsSpan().CopyTo(span);
            RandomNumberGenerator.GetItems(Alphabet, span[prefix.Length..]);
        });
}
